namespace ModelEngine.Server.Hosting;

/// <summary>
/// Settings of the background execution of Pending instances, bound from the <c>Execution</c> section. The lease keys
/// of the same section bind to <see cref="ModelEngine.Workflows.Runtime.Leases.WorkflowLeaseOptions"/>.
/// </summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>The maximum number of instance ids waiting in memory for a worker.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The number of workers that run Pending instances at the same time.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How often the child sweep resumes parents whose child instance ended while no node resumed them, for example
    /// because the node that ended the child stopped first. The sweep also runs once at start-up.
    /// </summary>
    public TimeSpan ChildSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// How often each node lists the Pending and Executing instances that no live lease covers and runs them, so that
    /// an instance whose node died is taken over once its lease expires.
    /// </summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
