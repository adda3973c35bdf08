using ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

namespace ModelEngine.Persistence.Tests.Knowledge;

public sealed class TopScoresTests
{
    [Fact]
    public void Offer_MoreThanCapacity_KeepsBestFirst()
    {
        var top = new TopScores(3);
        double[] scores = [0.1, 0.9, 0.5, -1, 0.7, 0.3];

        for (var i = 0; i < scores.Length; i++)
        {
            top.Offer($"c{i}", scores[i]);
        }

        Assert.Equal([("c1", 0.9), ("c4", 0.7), ("c2", 0.5)], top.ToRanking());
    }

    [Fact]
    public void Offer_EqualScores_RanksSmallerIdFirst()
    {
        var top = new TopScores(2);

        top.Offer("b", 0.5);
        top.Offer("c", 0.5);
        top.Offer("a", 0.5);

        Assert.Equal([("a", 0.5), ("b", 0.5)], top.ToRanking());
    }

    [Fact]
    public void ToRanking_FewerThanCapacity_ReturnsAll()
    {
        var top = new TopScores(10);

        top.Offer("x", -0.2);
        top.Offer("y", 0.4);

        Assert.Equal([("y", 0.4), ("x", -0.2)], top.ToRanking());
    }
}
