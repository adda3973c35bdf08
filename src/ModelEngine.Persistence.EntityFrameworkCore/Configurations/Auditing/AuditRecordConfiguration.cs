using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Auditing;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Auditing;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecordEntity>
{
    public void Configure(EntityTypeBuilder<AuditRecordEntity> builder)
    {
        builder.ToTable("AuditRecords");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Actor).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Action).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.EntityType).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.EntityId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Detail).HasMaxLength(ColumnLengths.Title);

        // The list is newest first; the filters by actor and by target narrow it on their own indexes.
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.Actor, e.Timestamp });
        builder.HasIndex(e => new { e.EntityType, e.EntityId, e.Timestamp });
    }
}
