namespace ModelEngine.Workflows.Activities;

/// <summary>Why the engine cancels an activity. It decides the final status of the activity's open human task.</summary>
public enum CancellationReason
{
    /// <summary>The instance was cancelled: open tasks become Exited.</summary>
    InstanceCancelled,

    /// <summary>The instance finished, or a WaitAny join made the activity moot: open tasks become Obsolete.</summary>
    Obsolete,
}
