using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Journal;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntryEntity>
{
    public void Configure(EntityTypeBuilder<JournalEntryEntity> builder)
    {
        builder.ToTable("JournalEntries");
        builder.HasKey(e => new { e.WorkflowInstanceId, e.Sequence });

        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.EventName).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.ActivityId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityType).HasMaxLength(ColumnLengths.Name);

        // The dashboard counts entries of one event name in a time range (started, finished, faulted per day, and
        // ActivityFaulted per activity).
        builder.HasIndex(e => new { e.EventName, e.Timestamp });

        builder.HasOne<WorkflowInstanceEntity>()
            .WithMany()
            .HasForeignKey(e => e.WorkflowInstanceId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
