using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Idempotency;
using ModelEngine.Workflows.Idempotency;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Idempotency;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyEntity>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyEntity> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.Scope).HasMaxLength(ColumnLengths.Title);
        builder.Property(e => e.Caller).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
        builder.Property(e => e.RequestHash).HasMaxLength(64);
        builder.Property(e => e.ContentType).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);

        // The cleanup deletes expired keys by this index.
        builder.HasIndex(e => e.ExpiresAt);
    }
}
