using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Definitions;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Definitions;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionEntity> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.CreatedBy).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => new { e.DefinitionId, e.Version }).IsUnique();

        // FindLatestAsync and FindPublishedAsync look up one definition by flag. The list queries filter on the flag alone.
        builder.HasIndex(e => new { e.DefinitionId, e.IsLatest });
        builder.HasIndex(e => new { e.DefinitionId, e.IsPublished });
        builder.HasIndex(e => new { e.IsLatest, e.CreatedAt });
        builder.HasIndex(e => new { e.IsPublished, e.CreatedAt });
    }
}
