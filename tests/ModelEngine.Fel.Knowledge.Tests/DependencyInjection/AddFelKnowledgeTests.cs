using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class AddFelKnowledgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Defaults_register_minilm_and_in_memory_store()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.IsType<EmbeddedKnowledgeBaseProvider>(services.GetRequiredService<IKnowledgeBaseProvider>());
        Assert.IsType<KnowledgeIngestor>(services.GetRequiredService<IKnowledgeIngestor>());
        Assert.IsType<InMemoryKnowledgeChunkStore>(services.GetRequiredService<IKnowledgeChunkStore>());
        Assert.False(services.GetRequiredService<MiniLmEmbeddingGenerator>().IsLoaded);
    }

    [Fact]
    public void Registered_chunk_store_is_kept()
    {
        var store = new InMemoryKnowledgeChunkStore();

        using var services = Build(new Dictionary<string, string?>(), s => s.AddSingleton<IKnowledgeChunkStore>(store));

        Assert.Same(store, services.GetRequiredService<IKnowledgeChunkStore>());
    }

    [Fact]
    public async Task Configured_catalog_model_embeds_chunks()
    {
        var generator = new HashingEmbeddingGenerator();
        var catalog = new SingleModelCatalog("local-embedder", generator);
        using var services = Build(
            new Dictionary<string, string?> { ["Fel:Knowledge:EmbeddingModel"] = "local-embedder" },
            s => s.AddSingleton<IFelModelCatalog>(catalog));

        var knowledgeBase = await services.GetRequiredService<IKnowledgeBaseProvider>().GetAsync("kb").AsTask().WaitAsync(Timeout);
        await knowledgeBase.IndexAsync([new KnowledgeChunk("a#0", "a", 0, "text")]).WaitAsync(Timeout);

        Assert.Equal(1, generator.Embedded);
        Assert.False(services.GetRequiredService<MiniLmEmbeddingGenerator>().IsLoaded);
    }

    [Fact]
    public void Configured_model_without_catalog_names_the_setting()
    {
        using var services = Build(new Dictionary<string, string?> { ["Fel:Knowledge:EmbeddingModel"] = "missing" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IKnowledgeBaseProvider>());

        Assert.Contains("Fel:Knowledge:EmbeddingModel", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddFelKnowledge(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class SingleModelCatalog(string name, IEmbeddingGenerator<string, Embedding<float>> generator) : IFelModelCatalog
    {
        public IReadOnlyList<FelModelDescriptor> Models { get; } = [new(name, FelModelKind.Embedding, "Embedded", name, null, null)];

        public FelModelDescriptor? Find(string modelName) => Models.FirstOrDefault(m => m.Name == modelName);

        public IChatClient GetChatClient(string modelName) => throw new FelModelNotConfiguredException(modelName, FelModelKind.Chat);

        public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string modelName) =>
            modelName == name ? generator : throw new FelModelNotConfiguredException(modelName, FelModelKind.Embedding);
    }
}
