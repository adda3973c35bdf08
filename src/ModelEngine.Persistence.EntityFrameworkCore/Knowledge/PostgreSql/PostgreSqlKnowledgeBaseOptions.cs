namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

/// <summary>Settings of the knowledge bases that PostgreSQL indexes and searches.</summary>
public sealed class PostgreSqlKnowledgeBaseOptions
{
    /// <summary>
    /// The PostgreSQL text search configuration that stems the chunks and the queries, such as <c>english</c>,
    /// <c>german</c> or <c>simple</c> (no stemming). <c>english</c> by default. Chunks keep the configuration they were
    /// indexed with, so after a change, index the documents again.
    /// </summary>
    public string TextSearchConfiguration { get; set; } = "english";

    /// <summary>
    /// Whether a keyword search matches only chunks that contain every query term, with the web search syntax of
    /// <c>websearch_to_tsquery</c> (quotes, <c>or</c>, <c>-</c>). <see langword="false"/> by default: a chunk matches
    /// when it contains any query term, which suits questions that paraphrase the text.
    /// </summary>
    public bool MatchAllTerms { get; set; }

    /// <summary>The chunks embedded in one call to the embedding generator. 64 by default.</summary>
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>The chunks written in one round trip to the server. 500 by default.</summary>
    public int WriteBatchSize { get; set; } = 500;
}
