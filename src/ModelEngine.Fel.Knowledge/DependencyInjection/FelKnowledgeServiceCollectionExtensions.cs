using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
namespace ModelEngine.Fel.Knowledge;

/// <summary>Registers embedded knowledge bases.</summary>
public static class FelKnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EmbeddedKnowledgeBaseProvider"/> as <see cref="IKnowledgeBaseProvider"/>,
    /// <see cref="KnowledgeIngestor"/> as <see cref="IKnowledgeIngestor"/>, and the offline
    /// <see cref="MiniLmEmbeddingGenerator"/>. Options are bound from <c>Fel:Knowledge</c>
    /// (<see cref="FelKnowledgeOptions"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Knowledge bases embed with the catalog model named by <c>Fel:Knowledge:EmbeddingModel</c> when it is set, and
    /// with MiniLM otherwise. A missing catalog model fails when the provider is first resolved, with
    /// <see cref="FelModelNotConfiguredException"/>.
    /// </para>
    /// <para>
    /// An <see cref="InMemoryKnowledgeChunkStore"/> is registered only when no <see cref="IKnowledgeChunkStore"/> is,
    /// and an <see cref="EmbeddingReranker"/> over the same generator only when no <see cref="IReranker"/> is.
    /// </para>
    /// </remarks>
    public static IServiceCollection AddFelKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<FelKnowledgeOptions>(configuration.GetSection(FelKnowledgeOptions.SectionName));
        services.TryAddSingleton(sp => new MiniLmEmbeddingGenerator(logger: sp.GetService<ILogger<MiniLmEmbeddingGenerator>>()));
        services.TryAddSingleton<IKnowledgeChunkStore, InMemoryKnowledgeChunkStore>();
        services.TryAddSingleton(CreateProvider);
        services.TryAddSingleton<IKnowledgeBaseProvider>(sp => sp.GetRequiredService<EmbeddedKnowledgeBaseProvider>());
        services.TryAddSingleton<IKnowledgeIngestor>(sp => new KnowledgeIngestor(
            sp.GetRequiredService<IKnowledgeBaseProvider>(),
            logger: sp.GetService<ILogger<KnowledgeIngestor>>()));
        return services;
    }

    private static EmbeddedKnowledgeBaseProvider CreateProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FelKnowledgeOptions>>().Value;
        IEmbeddingGenerator<string, Embedding<float>> generator;
        if (string.IsNullOrWhiteSpace(options.EmbeddingModel))
        {
            generator = services.GetRequiredService<MiniLmEmbeddingGenerator>();
        }
        else
        {
            var catalog = services.GetService<IFelModelCatalog>() ?? throw new InvalidOperationException(
                $"Fel:Knowledge:EmbeddingModel is '{options.EmbeddingModel}', but no IFelModelCatalog is registered. Register the FEL model catalog, or clear the setting to use the offline MiniLM model.");
            generator = catalog.GetEmbeddingGenerator(options.EmbeddingModel);
        }

        var reranker = services.GetService<IReranker>() ?? new EmbeddingReranker(generator);
        return new EmbeddedKnowledgeBaseProvider(
            services.GetRequiredService<IKnowledgeChunkStore>(),
            generator,
            reranker,
            options.Stemming,
            options.HybridKeywordMinimumShouldMatch,
            services.GetService<ILoggerFactory>());
    }
}
