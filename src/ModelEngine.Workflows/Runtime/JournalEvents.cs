namespace ModelEngine.Workflows.Runtime;

/// <summary>The event names written to the journal.</summary>
public static class JournalEvents
{
    public const string WorkflowStarted = "WorkflowStarted";
    public const string WorkflowFinished = "WorkflowFinished";
    public const string WorkflowCancelled = "WorkflowCancelled";
    public const string WorkflowFaulted = "WorkflowFaulted";
    public const string WorkflowRetried = "WorkflowRetried";
    public const string WorkflowMigrated = "WorkflowMigrated";
    public const string ActivityCompleted = "ActivityCompleted";
    public const string ActivitySuspended = "ActivitySuspended";
    public const string ActivityResumed = "ActivityResumed";
    public const string ActivityCancelled = "ActivityCancelled";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string WriteLine = "WriteLine";
}
