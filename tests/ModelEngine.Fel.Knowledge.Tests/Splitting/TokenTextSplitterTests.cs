using System.Text;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class TokenTextSplitterTests
{
    private static readonly TokenTextSplitter Splitter = TokenTextSplitter.Default;

    [Fact]
    public void Short_text_is_one_chunk_with_document_id()
    {
        var metadata = new Dictionary<string, string> { ["title"] = "Leave" };

        var chunks = Splitter.Split(new KnowledgeDocument("policy", "  Staff get 25 days of leave.  ", metadata), 50, 5);

        var chunk = Assert.Single(chunks);
        Assert.Equal("policy#0", chunk.Id);
        Assert.Equal("policy", chunk.DocumentId);
        Assert.Equal(0, chunk.Index);
        Assert.Equal("Staff get 25 days of leave.", chunk.Text);
        Assert.Same(metadata, chunk.Metadata);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t ")]
    public void Blank_text_gives_no_chunks(string text)
    {
        Assert.Empty(Splitter.Split(new KnowledgeDocument("empty", text), 50, 5));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(40, 8)]
    [InlineData(100, 30)]
    public void Chunks_stay_within_token_limit(int chunkTokens, int overlapTokens)
    {
        var chunks = Splitter.Split(new KnowledgeDocument("d", Prose(60)), chunkTokens, overlapTokens);

        Assert.True(chunks.Count > 2, $"only {chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(Splitter.CountTokens(c.Text), 1, chunkTokens));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        Assert.Equal(chunks.Select(c => $"d#{c.Index}"), chunks.Select(c => c.Id));
    }

    [Fact]
    public void Chunks_prefer_sentence_ends()
    {
        var chunks = Splitter.Split(new KnowledgeDocument("d", Prose(60)), 60, 0);

        foreach (var chunk in chunks.SkipLast(1))
        {
            Assert.EndsWith(".", chunk.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Chunks_prefer_paragraph_breaks_over_sentence_ends()
    {
        var paragraph = string.Join(' ', Enumerable.Range(0, 3).Select(i => $"Sentence {i} of the first paragraph is here."));
        var text = paragraph + "\n\n" + string.Join(' ', Enumerable.Range(0, 6).Select(i => $"Sentence {i} of the second paragraph follows."));

        var chunks = Splitter.Split(new KnowledgeDocument("d", text), Splitter.CountTokens(paragraph) + 12, 0);

        Assert.Equal(paragraph, chunks[0].Text);
    }

    [Fact]
    public void Consecutive_chunks_overlap()
    {
        var chunks = Splitter.Split(new KnowledgeDocument("d", Prose(60)), 50, 15);

        for (var i = 1; i < chunks.Count; i++)
        {
            var start = string.Join(' ', chunks[i].Text.Split(' ').Take(3));
            Assert.Contains(start, chunks[i - 1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_overlap_chunks_cover_the_text_once()
    {
        var text = Prose(40);

        var chunks = Splitter.Split(new KnowledgeDocument("d", text), 30, 0);

        Assert.Equal(Words(text), chunks.SelectMany(c => Words(c.Text)));
    }

    [Fact]
    public void Unspaced_text_cut_at_token_limit()
    {
        var text = string.Concat(Enumerable.Repeat("abcdefghij", 500));

        var chunks = Splitter.Split(new KnowledgeDocument("d", text), 25, 5);

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.InRange(Splitter.CountTokens(c.Text), 1, 25));
        Assert.EndsWith(chunks[^1].Text, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_input_is_split_completely()
    {
        var sentences = StressCounts.HugeInputSentences;
        var text = Prose(sentences);

        var chunks = Splitter.Split(new KnowledgeDocument("big", text), 200, 20);

        Assert.True(chunks.Count > sentences / 20, $"{chunks.Count} chunks for {sentences} sentences");
        Assert.All(chunks, c => Assert.InRange(Splitter.CountTokens(c.Text), 1, 200));
        Assert.EndsWith(chunks[^1].Text, text.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    [InlineData(10, 10)]
    public void Invalid_sizes_are_rejected(int chunkTokens, int overlapTokens)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Splitter.Split(new KnowledgeDocument("d", "text"), chunkTokens, overlapTokens));
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Prose(int sentences)
    {
        var topics = new[] { "refund", "shipment", "password", "invoice", "holiday", "laptop", "contract", "badge" };
        var builder = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            builder.Append($"Sentence {i} explains the {topics[i % topics.Length]} rule for team {i % 7} in plain words. ");
        }

        return builder.ToString();
    }
}
