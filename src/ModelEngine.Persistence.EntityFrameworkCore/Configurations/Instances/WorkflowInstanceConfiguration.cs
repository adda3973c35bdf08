using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Instances;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceEntity> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionVersionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.SubStatus).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.CorrelationId).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Initiator).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Revision).IsConcurrencyToken();

        builder.HasIndex(e => new { e.Status, e.CreatedAt });
        builder.HasIndex(e => e.SubStatus);
        builder.HasIndex(e => e.DefinitionId);
        builder.HasIndex(e => e.CorrelationId);
        builder.HasIndex(e => e.Initiator);
        builder.HasIndex(e => e.CreatedAt);
    }
}
