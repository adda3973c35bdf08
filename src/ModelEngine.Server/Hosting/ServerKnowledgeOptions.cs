using ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Where the server's knowledge bases live, from <c>Fel:Knowledge</c>. The embedding and ranking settings of the
/// embedded knowledge bases are in the same section (<see cref="Fel.Knowledge.FelKnowledgeOptions"/>).
/// </summary>
public sealed class ServerKnowledgeOptions
{
    public const string SectionName = "Fel:Knowledge";

    /// <summary>The embedded knowledge bases: chunks in the main database, searched by in-process indexes.</summary>
    public const string EmbeddedProvider = "Embedded";

    /// <summary>PostgreSQL's full-text search, with vectors in the database. The main database must be PostgreSQL.</summary>
    public const string PostgreSqlProvider = "PostgreSql";

    /// <summary><c>Embedded</c> (the default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = EmbeddedProvider;

    /// <summary>The settings of the PostgreSQL knowledge bases, used when <see cref="Provider"/> is <c>PostgreSql</c>.</summary>
    public PostgreSqlKnowledgeBaseOptions PostgreSql { get; set; } = new();
}
