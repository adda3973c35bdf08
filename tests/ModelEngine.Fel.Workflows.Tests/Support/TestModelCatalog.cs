using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Workflows.Tests.Support;

/// <summary>A model catalog over chat clients and embedding generators given by the test, such as scripted ones.</summary>
internal sealed class TestModelCatalog : IFelModelCatalog
{
    private readonly Dictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _generators = new(StringComparer.Ordinal);

    public IReadOnlyList<FelModelDescriptor> Models =>
        _clients.Keys.Select(name => new FelModelDescriptor(name, FelModelKind.Chat, "Scripted", name, null, null))
            .Concat(_generators.Keys.Select(name => new FelModelDescriptor(name, FelModelKind.Embedding, "Scripted", name, null, null)))
            .ToList();

    public TestModelCatalog Add(string name, IChatClient client)
    {
        _clients[name] = client;
        return this;
    }

    public TestModelCatalog AddEmbedding(string name, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        _generators[name] = generator;
        return this;
    }

    public FelModelDescriptor? Find(string name) => Models.FirstOrDefault(model => model.Name == name);

    public IChatClient GetChatClient(string name) =>
        _clients.TryGetValue(name, out var client) ? client : throw new FelModelNotConfiguredException(name, FelModelKind.Chat);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string name) =>
        _generators.TryGetValue(name, out var generator) ? generator : throw new FelModelNotConfiguredException(name, FelModelKind.Embedding);
}
