namespace ModelEngine.Server.Hosting;

/// <summary>Settings of the background execution of Pending instances, bound from the <c>Execution</c> section.</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";

    /// <summary>The maximum number of instance ids waiting in memory for a worker.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The number of workers that run Pending instances at the same time.</summary>
    public int WorkerCount { get; set; } = 4;
}
