using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskCandidateConfiguration : IEntityTypeConfiguration<HumanTaskCandidateEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskCandidateEntity> builder)
    {
        builder.ToTable("HumanTaskCandidates");
        builder.HasKey(e => new { e.TaskId, e.Kind, e.Name });

        builder.Property(e => e.TaskId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Kind).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Name);

        // The inbox finds tasks by candidate user or group. TaskId completes the index, so the lookup never reads the row.
        builder.HasIndex(e => new { e.Kind, e.Name, e.TaskId });

        // Searches of open tasks (the default, and the view counts) skip the candidates of ended tasks.
        builder.HasIndex(e => new { e.Kind, e.Name, e.IsInactive, e.TaskId });

        builder.HasOne<HumanTaskEntity>()
            .WithMany()
            .HasForeignKey(e => e.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
