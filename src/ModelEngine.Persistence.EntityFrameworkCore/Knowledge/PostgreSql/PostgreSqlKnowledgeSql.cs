namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

/// <summary>
/// The statements of <see cref="PostgreSqlKnowledgeBase"/>. Every value is a parameter. The columns "Embedding"
/// (real[]) and "SearchVector" (tsvector) exist only in the PostgreSQL migration, so EF Core does not map them.
/// </summary>
internal static class PostgreSqlKnowledgeSql
{
    /// <summary>Inserts or replaces one chunk. $1 knowledge base, $2 chunk id, $3 document id, $4 index, $5 text,
    /// $6 metadata JSON, $7 vector bytes, $8 created at, $9 embedding, $10 text search configuration.</summary>
    public const string Upsert = """
        INSERT INTO "KnowledgeChunks" ("KnowledgeBase", "ChunkId", "DocumentId", "ChunkIndex", "Text", "MetadataJson", "Vector", "CreatedAt", "Embedding", "SearchVector")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector($10::regconfig, $5))
        ON CONFLICT ("KnowledgeBase", "ChunkId") DO UPDATE SET
            "DocumentId" = excluded."DocumentId",
            "ChunkIndex" = excluded."ChunkIndex",
            "Text" = excluded."Text",
            "MetadataJson" = excluded."MetadataJson",
            "Vector" = excluded."Vector",
            "CreatedAt" = excluded."CreatedAt",
            "Embedding" = excluded."Embedding",
            "SearchVector" = excluded."SearchVector"
        """;

    /// <summary>$1 knowledge base, $2 document id.</summary>
    public const string DeleteDocument = """
        DELETE FROM "KnowledgeChunks" WHERE "KnowledgeBase" = $1 AND "DocumentId" = $2
        """;

    /// <summary>$1 knowledge base.</summary>
    public const string Count = """
        SELECT count(*) FROM "KnowledgeChunks" WHERE "KnowledgeBase" = $1
        """;

    /// <summary>Resolves $1 as a text search configuration, or fails with SQLSTATE 42704 when none has that name.</summary>
    public const string ResolveConfiguration = "SELECT $1::regconfig::text";

    /// <summary>
    /// Ranks by full-text search with ts_rank_cd. $1 knowledge base, $2 text search configuration, $3 query, $4 limit.
    /// A chunk matches when it contains any query term: plainto_tsquery joins the terms with AND, and the text of its
    /// result is rewritten to join them with OR. Its lexemes are quoted, so the rewrite touches only the operators.
    /// </summary>
    public const string KeywordAnyTerm = """
        SELECT c."ChunkId", c."DocumentId", c."ChunkIndex", c."Text", c."MetadataJson", ts_rank_cd(c."SearchVector", q.query)::float8 AS "Score"
        FROM "KnowledgeChunks" AS c,
             (SELECT replace(plainto_tsquery($2::regconfig, $3)::text, ' & ', ' | ')::tsquery AS query) AS q
        WHERE c."KnowledgeBase" = $1 AND c."SearchVector" @@ q.query
        ORDER BY "Score" DESC, c."ChunkId"
        LIMIT $4
        """;

    /// <summary>Like <see cref="KeywordAnyTerm"/>, but a chunk must match the whole web search query.</summary>
    public const string KeywordAllTerms = """
        SELECT c."ChunkId", c."DocumentId", c."ChunkIndex", c."Text", c."MetadataJson", ts_rank_cd(c."SearchVector", q.query)::float8 AS "Score"
        FROM "KnowledgeChunks" AS c,
             (SELECT websearch_to_tsquery($2::regconfig, $3) AS query) AS q
        WHERE c."KnowledgeBase" = $1 AND c."SearchVector" @@ q.query
        ORDER BY "Score" DESC, c."ChunkId"
        LIMIT $4
        """;

    /// <summary>
    /// Reads the id and the little-endian float32 vector of every chunk of $1 whose vector has $2 bytes, for cosine
    /// ranking in the process. Chunks embedded with other dimensions are skipped, because their dot product with
    /// the query means nothing.
    /// </summary>
    public const string VectorCandidates = """
        SELECT "ChunkId", "Vector" FROM "KnowledgeChunks" WHERE "KnowledgeBase" = $1 AND length("Vector") = $2
        """;

    /// <summary>Reads the chunks of $1 whose ids are in the array $2.</summary>
    public const string ChunksById = """
        SELECT "ChunkId", "DocumentId", "ChunkIndex", "Text", "MetadataJson" FROM "KnowledgeChunks" WHERE "KnowledgeBase" = $1 AND "ChunkId" = ANY($2)
        """;
}
