namespace ModelEngine.Fit.Hosting;

/// <summary>Settings of this process as a FIT node, bound from the <c>Fit</c> configuration section.</summary>
public sealed class FitNodeOptions
{
    public const string SectionName = "Fit";

    /// <summary>The node (machine) id. Processes that share <c>/dev/shm</c> share it. Defaults to the host name.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>This process's id on the bus. Defaults to the node id, the process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Arguments and results larger than this many bytes travel by shared-memory handle.</summary>
    public int SharedMemoryThreshold { get; set; } = 64 * 1024;

    /// <summary>The directory that contains this node's segments.</summary>
    public string SharedMemoryPath { get; set; } = "/dev/shm/modelengine-fit";

    /// <summary>The time a handle stays readable after its last holder let go without releasing it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
