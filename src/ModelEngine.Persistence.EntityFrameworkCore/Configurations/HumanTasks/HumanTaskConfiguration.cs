using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTaskEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskEntity> builder)
    {
        builder.ToTable("HumanTasks");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.BookmarkId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Title).HasMaxLength(ColumnLengths.Title);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Assignee).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Initiator).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Outcome).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.CompletedBy).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Owner).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.DelegationState).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.SuspendedFrom).HasConversion<string>().HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Revision).IsConcurrencyToken();

        // The inbox filters open statuses, then assignee or candidates, and sorts by priority and age.
        builder.HasIndex(e => new { e.Status, e.Priority, e.CreatedAt });
        // Most tasks have no assignee or owner, so SQLite's statistics, which count NULL as one value, would rate a full
        // index as useless and scan the table. These indexes leave out NULL, which no lookup by name needs.
        builder.HasIndex(e => new { e.Assignee, e.Status }).HasFilter("\"Assignee\" IS NOT NULL");
        builder.HasIndex(e => e.WorkflowInstanceId);
        builder.HasIndex(e => e.ActivityInstanceId);

        // Task search: the owner's tasks are visible to them, and the keyset pages by due date or age with the id after it.
        builder.HasIndex(e => e.Owner).HasFilter("\"Owner\" IS NOT NULL");
        builder.HasIndex(e => new { e.DueAt, e.Id });
        builder.HasIndex(e => new { e.CreatedAt, e.Id });

        builder.HasOne<WorkflowInstanceEntity>()
            .WithMany()
            .HasForeignKey(e => e.WorkflowInstanceId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
