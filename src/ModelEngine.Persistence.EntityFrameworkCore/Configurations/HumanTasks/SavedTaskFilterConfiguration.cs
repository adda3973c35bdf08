using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class SavedTaskFilterConfiguration : IEntityTypeConfiguration<SavedTaskFilterEntity>
{
    public void Configure(EntityTypeBuilder<SavedTaskFilterEntity> builder)
    {
        builder.ToTable("SavedTaskFilters");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Owner).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Sort).HasMaxLength(ColumnLengths.Status);

        // Each user's filter names are unique; the index also serves the list of a user's filters.
        builder.HasIndex(e => new { e.Owner, e.Name }).IsUnique();
    }
}
