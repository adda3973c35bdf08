namespace ModelEngine.Workflows.Runtime.State;

/// <summary>The status of an activity instance that has not ended.</summary>
public enum ActivityStatus
{
    /// <summary>Scheduled and not yet run.</summary>
    Pending,

    /// <summary>Running, or a container whose children are active.</summary>
    Running,

    /// <summary>Waiting on a bookmark.</summary>
    Suspended,
}
