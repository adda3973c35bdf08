using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Instances;

internal sealed class WorkflowInstanceStateConfiguration : IEntityTypeConfiguration<WorkflowInstanceStateEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceStateEntity> builder)
    {
        builder.ToTable("WorkflowInstanceStates");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);

        builder.HasOne<WorkflowInstanceEntity>()
            .WithOne()
            .HasForeignKey<WorkflowInstanceStateEntity>(e => e.Id)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
