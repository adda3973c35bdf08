using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Substitutes;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Substitutes;

internal sealed class SubstituteRuleConfiguration : IEntityTypeConfiguration<SubstituteRuleEntity>
{
    public void Configure(EntityTypeBuilder<SubstituteRuleEntity> builder)
    {
        builder.ToTable("SubstituteRules");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.User).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.Substitute).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.CreatedBy).HasMaxLength(ColumnLengths.Name);

        // Every search looks up the users the caller substitutes for; notifications look up a user's substitutes.
        builder.HasIndex(e => new { e.Substitute, e.From });
        builder.HasIndex(e => new { e.User, e.From });
    }
}
