using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskVariableConfiguration : IEntityTypeConfiguration<HumanTaskVariableEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskVariableEntity> builder)
    {
        builder.ToTable("HumanTaskVariables");
        builder.HasKey(e => new { e.TaskId, e.Name });

        builder.Property(e => e.TaskId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Name).HasMaxLength(HumanTaskVariables.MaxNameLength);
        builder.Property(e => e.ValueText).HasMaxLength(HumanTaskVariables.MaxValueLength);
        builder.Property(e => e.NormalizedText).HasMaxLength(HumanTaskVariables.MaxValueLength);

        // An equals filter reads the tasks of one name and value from this index alone, and a search of open tasks reads
        // only the active rows of the name, which also bounds the scan of a contains filter.
        builder.HasIndex(e => new { e.Name, e.IsInactive, e.ValueText, e.TaskId });

        builder.HasOne<HumanTaskEntity>()
            .WithMany()
            .HasForeignKey(e => e.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
