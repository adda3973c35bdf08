using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>Registers the knowledge base stores that live in the main database.</summary>
public static class ModelEngineKnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKnowledgeChunkStore"/> on the KnowledgeChunks table of the main database, replacing any
    /// store registered before. Call it after
    /// <see cref="ModelEngineEntityFrameworkCoreServiceCollectionExtensions.AddModelEngineEntityFrameworkCore(IServiceCollection, PersistenceProvider, string, Action{Sqlite.SqliteStoreOptions}?)"/>.
    /// </summary>
    public static IServiceCollection AddModelEngineKnowledgeStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IKnowledgeChunkStore>();
        services.AddSingleton<IKnowledgeChunkStore>(serviceProvider => new EfKnowledgeChunkStore(
            serviceProvider.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
            serviceProvider.GetRequiredService<WriteLock>(),
            serviceProvider.GetService<TimeProvider>() ?? TimeProvider.System,
            serviceProvider.GetRequiredService<ILogger<EfKnowledgeChunkStore>>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="PostgreSqlKnowledgeBaseProvider"/> as the <see cref="IKnowledgeBaseProvider"/>, replacing any
    /// provider registered before. The main database must be PostgreSQL, and the container must hold an
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings. An <see cref="IReranker"/> in the container
    /// serves searches that request reranking.
    /// </summary>
    public static IServiceCollection AddModelEnginePostgreSqlKnowledgeBases(
        this IServiceCollection services, Action<PostgreSqlKnowledgeBaseOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PostgreSqlKnowledgeBaseOptions();
        configure?.Invoke(options);

        services.RemoveAll<IKnowledgeBaseProvider>();
        services.AddSingleton<IKnowledgeBaseProvider>(serviceProvider => new PostgreSqlKnowledgeBaseProvider(
            serviceProvider.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>(),
            serviceProvider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            options,
            serviceProvider.GetService<TimeProvider>() ?? TimeProvider.System,
            serviceProvider.GetRequiredService<ILogger<PostgreSqlKnowledgeBase>>(),
            serviceProvider.GetService<IReranker>()));
        return services;
    }
}
