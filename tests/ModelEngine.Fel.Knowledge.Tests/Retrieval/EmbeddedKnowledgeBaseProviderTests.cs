using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class EmbeddedKnowledgeBaseProviderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Same_name_returns_same_instance()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());

        var first = await provider.GetAsync("policies").AsTask().WaitAsync(Timeout);
        var second = await provider.GetAsync("policies").AsTask().WaitAsync(Timeout);
        var other = await provider.GetAsync("faq").AsTask().WaitAsync(Timeout);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal("policies", first.Name);
    }

    [Fact]
    public async Task Knowledge_bases_are_isolated_by_name()
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());
        var policies = await provider.GetAsync("policies").AsTask().WaitAsync(Timeout);
        var faq = await provider.GetAsync("faq").AsTask().WaitAsync(Timeout);

        await policies.IndexAsync([new KnowledgeChunk("a#0", "a", 0, "holiday rules")]).WaitAsync(Timeout);

        Assert.Equal(1, await policies.CountAsync().WaitAsync(Timeout));
        Assert.Equal(0, await faq.CountAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task New_provider_opens_stored_chunks()
    {
        var store = new InMemoryKnowledgeChunkStore();
        using (var provider = new EmbeddedKnowledgeBaseProvider(store, new HashingEmbeddingGenerator()))
        {
            var knowledgeBase = await provider.GetAsync("kb").AsTask().WaitAsync(Timeout);
            await knowledgeBase.IndexAsync([new KnowledgeChunk("a#0", "a", 0, "holiday rules")]).WaitAsync(Timeout);
        }

        using var restarted = new EmbeddedKnowledgeBaseProvider(store, new HashingEmbeddingGenerator());
        var reopened = await restarted.GetAsync("kb").AsTask().WaitAsync(Timeout);

        Assert.Equal(1, await reopened.CountAsync().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("quote'name")]
    public async Task Invalid_names_are_rejected(string name)
    {
        using var provider = new EmbeddedKnowledgeBaseProvider(new InMemoryKnowledgeChunkStore(), new HashingEmbeddingGenerator());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.GetAsync(name).AsTask().WaitAsync(Timeout));

        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Name_length_is_limited()
    {
        EmbeddedKnowledgeBaseProvider.ValidateName(new string('a', EmbeddedKnowledgeBaseProvider.MaxNameLength));

        Assert.Throws<ArgumentException>(() => EmbeddedKnowledgeBaseProvider.ValidateName(new string('a', EmbeddedKnowledgeBaseProvider.MaxNameLength + 1)));
    }

    [Theory]
    [InlineData("policies")]
    [InlineData("hr-policies_v2.1")]
    public void Valid_names_pass(string name)
    {
        EmbeddedKnowledgeBaseProvider.ValidateName(name);
    }
}
