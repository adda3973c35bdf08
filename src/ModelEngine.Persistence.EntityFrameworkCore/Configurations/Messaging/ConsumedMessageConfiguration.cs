using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Messaging;

/// <summary>
/// Maps the messages that resumed instances. The key on message id and instance id makes a second resume by the same
/// message fail its commit.
/// </summary>
internal sealed class ConsumedMessageConfiguration : IEntityTypeConfiguration<ConsumedMessageEntity>
{
    public void Configure(EntityTypeBuilder<ConsumedMessageEntity> builder)
    {
        builder.ToTable("ConsumedMessages");
        builder.HasKey(e => new { e.MessageId, e.WorkflowInstanceId });

        builder.Property(e => e.MessageId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);

        builder.HasIndex(e => e.WorkflowInstanceId);
        builder.HasOne<WorkflowInstanceEntity>()
            .WithMany()
            .HasForeignKey(e => e.WorkflowInstanceId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
