using System.Numerics.Tensors;
using System.Text;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// Synthetic chunks for the 100,000-chunk retrieval runs: random unit vectors (embedding 100,000 texts with MiniLM
/// takes too long for a benchmark) and text of 40 words drawn from a 20,000-word vocabulary with a Zipf-like
/// distribution, so that BM25 sees frequent and rare terms as in prose.
/// </summary>
internal static class SyntheticCorpus
{
    public const int VocabularySize = 20_000;

    public static string Word(int rank) => $"w{rank:x}q";

    public static float[] RandomUnitVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    public static string RandomText(Random random, int words)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            builder.Append(Word(ZipfRank(random))).Append(' ');
        }

        return builder.ToString();
    }

    public static IEnumerable<StoredChunk> Chunks(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var chunk = new KnowledgeChunk($"doc-{i}#0", $"doc-{i}", 0, RandomText(random, 40));
            yield return new StoredChunk(chunk, RandomUnitVector(random, dimensions));
        }
    }

    // Rank r is drawn with probability about proportional to 1 / r.
    private static int ZipfRank(Random random) =>
        Math.Min(VocabularySize, (int)Math.Exp(random.NextDouble() * Math.Log(VocabularySize)));
}
