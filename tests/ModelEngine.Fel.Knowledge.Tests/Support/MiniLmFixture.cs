namespace ModelEngine.Fel.Knowledge.Tests;

/// <summary>One MiniLM generator shared by the tests of a collection, so the model loads once.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
