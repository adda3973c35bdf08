using System.Numerics.Tensors;

namespace ModelEngine.Fel.Knowledge.Tests;

public sealed class VectorIndexTests
{
    [Fact]
    public void Search_matches_brute_force_order()
    {
        var random = new Random(7);
        using var index = new VectorIndex(16, capacity: 4);
        var vectors = Enumerable.Range(0, 500).Select(_ => RandomUnit(random, 16)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Upsert($"v{i}", vectors[i]);
        }

        var query = RandomUnit(random, 16);
        var expected = vectors
            .Select((v, i) => (Id: $"v{i}", Score: TensorPrimitives.Dot(v, query)))
            .OrderByDescending(x => x.Score)
            .Take(10)
            .ToList();

        var actual = index.Search(query, 10);

        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        Assert.Equal(expected[0].Score, actual[0].Score, 4);
    }

    [Fact]
    public void Upsert_replaces_and_normalises()
    {
        using var index = new VectorIndex(2);
        index.Upsert("a", [1, 0]);
        index.Upsert("a", [0, 5]);

        var hit = Assert.Single(index.Search([0, 1], 5));

        Assert.Equal(1, index.Count);
        Assert.Equal("a", hit.Id);
        Assert.Equal(1f, hit.Score, 5);
    }

    [Fact]
    public void Remove_moves_last_row_and_keeps_ids()
    {
        using var index = new VectorIndex(2);
        index.Upsert("x", [1, 0]);
        index.Upsert("y", [0, 1]);
        index.Upsert("z", [-1, 0]);

        Assert.True(index.Remove("x"));
        Assert.False(index.Remove("x"));

        Assert.Equal(2, index.Count);
        Assert.Equal("z", index.Search([-1, 0], 1)[0].Id);
        Assert.Equal("y", index.Search([0, 1], 1)[0].Id);
    }

    [Fact]
    public void Empty_index_and_zero_k_return_nothing()
    {
        using var index = new VectorIndex(3);

        Assert.Empty(index.Search([1, 0, 0], 5));
        index.Upsert("a", [1, 0, 0]);
        Assert.Empty(index.Search([1, 0, 0], 0));
    }

    [Fact]
    public void Wrong_dimensions_are_rejected()
    {
        using var index = new VectorIndex(3);

        var upsert = Assert.Throws<ArgumentException>(() => index.Upsert("a", [1, 0]));
        var search = Assert.Throws<ArgumentException>(() => index.Search([1, 0], 1));

        Assert.Contains("has 2 components", upsert.Message, StringComparison.Ordinal);
        Assert.Contains("has 2 components", search.Message, StringComparison.Ordinal);
    }

    internal static float[] RandomUnit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
