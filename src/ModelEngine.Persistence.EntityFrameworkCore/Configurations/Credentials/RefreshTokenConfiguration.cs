using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Credentials;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Credentials;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshTokenEntity>
{
    public void Configure(EntityTypeBuilder<RefreshTokenEntity> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.TokenHash).HasMaxLength(ApiKeyConfiguration.HashLength);
        builder.Property(e => e.FamilyId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.UserName).HasMaxLength(ColumnLengths.Name);

        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => e.FamilyId);
        builder.HasIndex(e => e.ExpiresAt);
    }
}
