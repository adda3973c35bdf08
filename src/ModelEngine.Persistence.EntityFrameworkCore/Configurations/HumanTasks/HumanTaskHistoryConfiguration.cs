using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskHistoryConfiguration : IEntityTypeConfiguration<HumanTaskHistoryEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskHistoryEntity> builder)
    {
        builder.ToTable("HumanTaskHistory");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.TaskId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Action).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Actor).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.OnBehalfOf).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.StatusBefore).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.StatusAfter).HasConversion<string>().HasMaxLength(ColumnLengths.Status);

        // The history of a task is read in time order; ids are time-ordered, so they break ties the same way.
        builder.HasIndex(e => new { e.TaskId, e.At, e.Id });

        builder.HasOne<HumanTaskEntity>()
            .WithMany()
            .HasForeignKey(e => e.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
