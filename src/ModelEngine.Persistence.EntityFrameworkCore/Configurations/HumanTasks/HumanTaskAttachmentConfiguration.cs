using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskAttachmentConfiguration : IEntityTypeConfiguration<HumanTaskAttachmentEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskAttachmentEntity> builder)
    {
        builder.ToTable("HumanTaskAttachments");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.TaskId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.FileName).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.ContentType).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.UploadedBy).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.OnBehalfOf).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => new { e.TaskId, e.CreatedAt });

        builder.HasOne<HumanTaskEntity>()
            .WithMany()
            .HasForeignKey(e => e.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
