namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class KeywordIndexTests
{
    private static KnowledgeChunk Chunk(string id, string text) => new(id, id.Split('#')[0], 0, text);

    [Fact]
    public void Stemming_matches_word_forms()
    {
        using var index = new KeywordIndex();
        index.Upsert([Chunk("a#0", "Refunds are paid within five days."), Chunk("b#0", "Shipping is free above 50 euros.")]);

        var hits = index.Search("refund", 5);

        Assert.Equal("a#0", Assert.Single(hits).Id);
    }

    [Fact]
    public void Without_stemming_word_forms_differ()
    {
        using var index = new KeywordIndex(stemming: false);
        index.Upsert([Chunk("a#0", "Refunds are paid within five days.")]);

        Assert.Empty(index.Search("refund", 5));
        Assert.Single(index.Search("refunds", 5));
    }

    [Fact]
    public void Rarer_terms_rank_higher()
    {
        using var index = new KeywordIndex();
        index.Upsert(
        [
            Chunk("a#0", "The policy covers travel."),
            Chunk("b#0", "The policy covers expenses."),
            Chunk("c#0", "The policy covers passwords and travel."),
        ]);

        var hits = index.Search("policy passwords", 3);

        Assert.Equal("c#0", hits[0].Id);
        Assert.Equal(3, hits.Count);
    }

    [Fact]
    public void Minimum_should_match_drops_weak_matches()
    {
        using var index = new KeywordIndex();
        index.Upsert([Chunk("a#0", "Invoices are sent monthly by email."), Chunk("b#0", "Email signatures use the company logo.")]);

        var any = index.Search("monthly invoice email", 5);
        var most = index.Search("monthly invoice email", 5, minimumShouldMatch: 0.6);

        Assert.Equal(2, any.Count);
        Assert.Equal("a#0", Assert.Single(most).Id);
    }

    [Fact]
    public void Upsert_replaces_and_remove_document_deletes()
    {
        using var index = new KeywordIndex();
        index.Upsert([Chunk("a#0", "old text about laptops"), Chunk("b#0", "badge rules")]);
        index.Upsert([Chunk("a#0", "new text about bicycles")]);

        Assert.Empty(index.Search("laptops", 5));
        Assert.Single(index.Search("bicycles", 5));
        Assert.Equal(2, index.Count);

        index.RemoveDocument("a");

        Assert.Empty(index.Search("bicycles", 5));
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("the and of")]
    public void Query_without_terms_returns_nothing(string query)
    {
        using var index = new KeywordIndex();
        index.Upsert([Chunk("a#0", "the policy and the rules of the office")]);

        Assert.Empty(index.Search(query, 5));
    }

    [Fact]
    public void Query_syntax_characters_are_plain_text()
    {
        using var index = new KeywordIndex();
        index.Upsert([Chunk("a#0", "Use AND, OR and NOT in search (advanced).")]);

        Assert.Single(index.Search("advanced) OR \"search* [", 5));
    }
}
