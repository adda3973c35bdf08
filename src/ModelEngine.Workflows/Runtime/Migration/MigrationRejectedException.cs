namespace ModelEngine.Workflows.Runtime.Migration;

/// <summary>
/// An instance cannot move to the target version because one of its active activities has no counterpart there, or
/// its counterpart is of another type. Nothing was changed.
/// </summary>
public sealed class MigrationRejectedException : Exception
{
    public MigrationRejectedException(string instanceId, string activityId, string message)
        : base(message)
    {
        InstanceId = instanceId;
        ActivityId = activityId;
    }

    public string InstanceId { get; }

    /// <summary>The id, in the instance's current version, of the activity that blocks the migration.</summary>
    public string ActivityId { get; }
}
