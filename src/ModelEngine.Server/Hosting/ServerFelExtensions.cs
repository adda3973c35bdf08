using Microsoft.Extensions.AI;
using ModelEngine.Fel;
using ModelEngine.Fel.Knowledge;
using ModelEngine.Fel.Providers;
using ModelEngine.Fel.Tools;
using ModelEngine.Fel.Workflows;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

namespace ModelEngine.Server.Hosting;

/// <summary>Composes FEL into the server: the AI activities, the generation stream hub and its endpoint's settings.</summary>
internal static class ServerFelExtensions
{
    /// <summary>
    /// Adds the FEL activities (<c>ModelEngine.Fel.*</c>), the in-process generation stream hub and the settings of
    /// <c>Fel:Stream</c>. The activities find the model catalog, the knowledge bases, the ingestor and the tool sources
    /// in the container when they run. Until those modules are registered, an instance that reaches an activity needing
    /// one faults with an incident that names what to configure.
    /// </summary>
    public static IServiceCollection AddServerFel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddModelEngineFelWorkflows();
        services.AddFelModels(configuration);
        services.AddFelTools(configuration);
        services.AddFelKnowledge(configuration);
        services.AddOptions<FelStreamOptions>()
            .Bind(configuration.GetSection(FelStreamOptions.SectionName))
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero, $"{FelStreamOptions.SectionName}:HeartbeatInterval must be positive, such as 00:00:15.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Keeps the knowledge bases in the main database. Call it after the database is registered. With
    /// <c>Fel:Knowledge:Provider</c> = <c>PostgreSql</c>, knowledge bases search with PostgreSQL's full-text search, which
    /// needs PostgreSQL as the main database. Otherwise chunks are stored in the KnowledgeChunks table and searched by
    /// in-process indexes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or PostgreSql is chosen on another database.</exception>
    public static IServiceCollection AddServerFelKnowledgeStore(this IServiceCollection services, IConfiguration configuration, PersistenceProvider database)
    {
        var options = configuration.GetSection(ServerKnowledgeOptions.SectionName).Get<ServerKnowledgeOptions>() ?? new ServerKnowledgeOptions();
        services.AddModelEngineKnowledgeStore();
        if (string.Equals(options.Provider, ServerKnowledgeOptions.EmbeddedProvider, StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        if (!string.Equals(options.Provider, ServerKnowledgeOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Fel:Knowledge:Provider is '{options.Provider}'. Use '{ServerKnowledgeOptions.EmbeddedProvider}' (the default) or '{ServerKnowledgeOptions.PostgreSqlProvider}'.");
        }

        if (database != PersistenceProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                $"Fel:Knowledge:Provider is 'PostgreSql', but the main database is {database}. PostgreSQL knowledge bases live in the main database: " +
                "set Persistence:Provider to PostgreSql, or remove Fel:Knowledge:Provider to use the embedded knowledge bases.");
        }

        // The PostgreSQL knowledge bases embed with the same model as the embedded ones would.
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider =>
        {
            var model = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FelKnowledgeOptions>>().Value.EmbeddingModel;
            return string.IsNullOrWhiteSpace(model)
                ? provider.GetRequiredService<MiniLmEmbeddingGenerator>()
                : provider.GetRequiredService<IFelModelCatalog>().GetEmbeddingGenerator(model);
        });
        services.AddModelEnginePostgreSqlKnowledgeBases(postgres =>
        {
            postgres.TextSearchConfiguration = options.PostgreSql.TextSearchConfiguration;
            postgres.MatchAllTerms = options.PostgreSql.MatchAllTerms;
            postgres.EmbeddingBatchSize = options.PostgreSql.EmbeddingBatchSize;
            postgres.WriteBatchSize = options.PostgreSql.WriteBatchSize;
        });
        return services;
    }
}
