using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HumanTasks;

internal sealed class HumanTaskCommentConfiguration : IEntityTypeConfiguration<HumanTaskCommentEntity>
{
    public void Configure(EntityTypeBuilder<HumanTaskCommentEntity> builder)
    {
        builder.ToTable("HumanTaskComments");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.TaskId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Author).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.OnBehalfOf).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => new { e.TaskId, e.CreatedAt });

        builder.HasOne<HumanTaskEntity>()
            .WithMany()
            .HasForeignKey(e => e.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
