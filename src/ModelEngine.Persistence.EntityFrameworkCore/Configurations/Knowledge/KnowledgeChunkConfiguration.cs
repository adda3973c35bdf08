using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Knowledge;

internal sealed class KnowledgeChunkConfiguration : IEntityTypeConfiguration<KnowledgeChunkEntity>
{
    public void Configure(EntityTypeBuilder<KnowledgeChunkEntity> builder)
    {
        builder.ToTable("KnowledgeChunks");

        // SQL Server caps a clustered key at 900 bytes, so the two key columns stay within 128 + 256 characters.
        builder.HasKey(e => new { e.KnowledgeBase, e.ChunkId });

        builder.Property(e => e.KnowledgeBase).HasMaxLength(KnowledgeLimits.KnowledgeBaseNameLength);
        builder.Property(e => e.ChunkId).HasMaxLength(KnowledgeLimits.IdLength);
        builder.Property(e => e.DocumentId).HasMaxLength(KnowledgeLimits.IdLength);

        // Deleting a document removes its chunks by knowledge base and document id.
        builder.HasIndex(e => new { e.KnowledgeBase, e.DocumentId });
    }
}
