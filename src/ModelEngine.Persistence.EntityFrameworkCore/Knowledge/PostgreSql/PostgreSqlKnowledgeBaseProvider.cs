using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel;
using Npgsql;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

/// <summary>Opens <see cref="PostgreSqlKnowledgeBase"/> instances on the main database, which must be PostgreSQL.</summary>
public sealed class PostgreSqlKnowledgeBaseProvider : IKnowledgeBaseProvider
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddingGenerator;
    private readonly PostgreSqlKnowledgeBaseOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IReranker? _reranker;
    private readonly ILogger<PostgreSqlKnowledgeBase> _logger;
    private volatile bool _checked;

    /// <summary>Creates the provider. <paramref name="reranker"/> serves searches that request reranking.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PostgreSqlKnowledgeBaseProvider(
        IDbContextFactory<ModelEngineDbContext> contextFactory,
        IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator,
        PostgreSqlKnowledgeBaseOptions options,
        TimeProvider timeProvider,
        ILogger<PostgreSqlKnowledgeBase> logger,
        IReranker? reranker = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(embeddingGenerator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.TextSearchConfiguration))
        {
            throw new ArgumentException(
                "PostgreSqlKnowledgeBaseOptions.TextSearchConfiguration is empty. Set it to a PostgreSQL text search configuration such as 'english'.",
                nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.EmbeddingBatchSize, 1, "PostgreSqlKnowledgeBaseOptions.EmbeddingBatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriteBatchSize, 1, "PostgreSqlKnowledgeBaseOptions.WriteBatchSize");

        _contextFactory = contextFactory;
        _embeddingGenerator = embeddingGenerator;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _reranker = reranker;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// The main database is not PostgreSQL, or the server has no text search configuration of the configured name.
    /// </exception>
    public async ValueTask<IKnowledgeBase> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        KnowledgeLimits.ValidateKnowledgeBaseName(name, nameof(name));
        if (!_checked)
        {
            await CheckDatabaseAsync(cancellationToken).ConfigureAwait(false);
            _checked = true;
        }

        return new PostgreSqlKnowledgeBase(name, _contextFactory, _embeddingGenerator, _options, _timeProvider, _reranker, _logger);
    }

    private async Task CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!context.Database.IsNpgsql())
        {
            throw new InvalidOperationException(
                $"PostgreSQL knowledge bases need a PostgreSQL main database, but the database provider is {context.Database.ProviderName}. " +
                "Set Persistence:Provider to PostgreSql, or use the embedded knowledge bases.");
        }

        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PostgreSqlKnowledgeSql.ResolveConfiguration, (NpgsqlConnection)context.Database.GetDbConnection());
        command.Parameters.Add(new NpgsqlParameter { Value = _options.TextSearchConfiguration });
        try
        {
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            throw new InvalidOperationException(
                $"The text search configuration '{_options.TextSearchConfiguration}' does not exist on the PostgreSQL server. " +
                "Set PostgreSqlKnowledgeBaseOptions.TextSearchConfiguration to one that 'SELECT cfgname FROM pg_ts_config' lists, such as 'english' or 'simple'.",
                exception);
        }
    }
}
