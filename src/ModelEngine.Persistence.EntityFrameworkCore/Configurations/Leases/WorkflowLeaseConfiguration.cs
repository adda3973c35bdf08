using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Leases;

internal sealed class WorkflowLeaseConfiguration : IEntityTypeConfiguration<WorkflowLeaseEntity>
{
    public const string TableName = "WorkflowInstanceLeases";

    public void Configure(EntityTypeBuilder<WorkflowLeaseEntity> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(e => e.InstanceId);

        builder.Property(e => e.InstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.OwnerId).HasMaxLength(ColumnLengths.Name);

        // Recovery lists the live leases by expiry. There is no foreign key to the instance: a lease is released after
        // the commit that deletes its instance.
        builder.HasIndex(e => e.ExpiresAt);
    }
}
