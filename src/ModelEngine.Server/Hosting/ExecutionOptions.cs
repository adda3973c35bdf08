namespace ModelEngine.Server.Hosting;

/// <summary>Settings of the background execution of Pending instances, bound from the <c>Execution</c> section.</summary>
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
}
