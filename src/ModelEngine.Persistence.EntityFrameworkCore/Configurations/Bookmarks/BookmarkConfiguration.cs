using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Bookmarks;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkEntity>
{
    public void Configure(EntityTypeBuilder<BookmarkEntity> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.WorkflowInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityInstanceId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.CorrelationId).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => new { e.Name, e.WorkflowInstanceId });
        builder.HasIndex(e => e.WorkflowInstanceId);

        builder.HasOne<WorkflowInstanceEntity>()
            .WithMany()
            .HasForeignKey(e => e.WorkflowInstanceId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
