using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Messaging;

/// <summary>
/// Maps the outbox. Rows have no foreign key to their instance: a message that a committed step sent is still relayed
/// when the instance is deleted before the relay runs.
/// </summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageEntity>
{
    public void Configure(EntityTypeBuilder<OutboxMessageEntity> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.MessageType).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.CorrelationId).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => e.CreatedAt);
    }
}
