namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class ReciprocalRankFusionTests
{
    private static RetrievedChunk Hit(string id, double score = 1) => new(new KnowledgeChunk(id, id, 0, id), score);

    [Fact]
    public void Chunk_in_both_rankings_wins()
    {
        var keyword = new[] { Hit("a"), Hit("b"), Hit("c") };
        var vector = new[] { Hit("d"), Hit("c"), Hit("e") };

        var fused = ReciprocalRankFusion.Fuse([keyword, vector]);

        Assert.Equal("c", fused[0].Chunk.Id);
        Assert.Equal(1.0 / 63 + 1.0 / 62, fused[0].Score, 10);
        Assert.Equal(5, fused.Count);
    }

    [Fact]
    public void Equal_scores_keep_best_rank_first()
    {
        var fused = ReciprocalRankFusion.Fuse([new[] { Hit("a"), Hit("b") }, new[] { Hit("c"), Hit("d") }]);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Chunk.Id));
    }

    [Fact]
    public void Smaller_k_favours_top_ranks()
    {
        var first = new[] { Hit("a"), Hit("b"), Hit("c"), Hit("d") };
        var second = new[] { Hit("d"), Hit("c"), Hit("x"), Hit("a") };

        var flat = ReciprocalRankFusion.Fuse([first, second], k: 1000);
        var steep = ReciprocalRankFusion.Fuse([first, second], k: 0);

        Assert.Equal(1.0 / 1 + 1.0 / 4, steep.Single(f => f.Chunk.Id == "a").Score, 10);
        Assert.Equal(1.0 / 1001 + 1.0 / 1004, flat.Single(f => f.Chunk.Id == "a").Score, 10);
    }

    [Fact]
    public void Empty_rankings_give_nothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([Array.Empty<RetrievedChunk>(), Array.Empty<RetrievedChunk>()]));
    }
}
