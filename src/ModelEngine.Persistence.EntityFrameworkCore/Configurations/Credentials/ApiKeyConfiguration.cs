using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Credentials;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Credentials;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeyEntity>
{
    /// <summary>A SHA-256 hash as hex digits.</summary>
    public const int HashLength = 64;

    public void Configure(EntityTypeBuilder<ApiKeyEntity> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Name).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Hash).HasMaxLength(HashLength);
        builder.Property(e => e.CreatedBy).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.RevokedBy).HasMaxLength(ColumnLengths.Name);

        // A name stays taken after its key is revoked, so that the audit log names one key.
        builder.HasIndex(e => e.Name).IsUnique();
        builder.HasIndex(e => e.Hash).IsUnique();
    }
}
