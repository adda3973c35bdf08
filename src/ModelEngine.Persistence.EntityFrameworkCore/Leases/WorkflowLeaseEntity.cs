namespace ModelEngine.Persistence.EntityFrameworkCore.Leases;

/// <summary>A row of the WorkflowInstanceLeases table: the node that holds an instance's lease, until when.</summary>
internal sealed class WorkflowLeaseEntity
{
    public required string InstanceId { get; set; }

    public required string OwnerId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
