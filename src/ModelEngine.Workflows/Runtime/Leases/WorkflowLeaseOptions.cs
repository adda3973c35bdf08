namespace ModelEngine.Workflows.Runtime.Leases;

/// <summary>
/// Settings of instance leases. The server binds them from the <c>Execution</c> section, so the keys are
/// <c>Execution:NodeId</c>, <c>Execution:LeaseDuration</c> and <c>Execution:LeaseWait</c>.
/// </summary>
public sealed class WorkflowLeaseOptions
{
    /// <summary>
    /// The id this node writes into its leases. It must differ between nodes that share a database. When it is empty,
    /// the machine name, the process id and a short random suffix are used.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>How long a lease lives without renewal. A running node renews it every third of this time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call that changes an instance waits for a lease that another node holds.</summary>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(10);
}
