using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.Timers;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Timers;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> builder)
    {
        builder.ToTable("Timers");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.BookmarkId).HasMaxLength(ColumnLengths.Id);

        builder.HasIndex(e => e.DueAt);
        builder.HasIndex(e => e.BookmarkId);
        builder.HasIndex(e => e.WorkflowInstanceId);

        // The committer deletes timer rows with their bookmarks. The cascade also covers a bookmark deleted any other way.
        builder.HasOne<BookmarkEntity>()
            .WithMany()
            .HasForeignKey(e => e.BookmarkId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
