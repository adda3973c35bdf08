namespace ModelEngine.Fel;

/// <summary>Fuses rankings by reciprocal rank: a chunk scores the sum of 1 / (k + rank) over the rankings it appears in.</summary>
public static class ReciprocalRankFusion
{
    /// <summary>Fuses <paramref name="rankings"/> (each best first) and returns the chunks best first with their fused scores.</summary>
    public static IReadOnlyList<RetrievedChunk> Fuse(IEnumerable<IReadOnlyList<RetrievedChunk>> rankings, int k = 60)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var scores = new Dictionary<string, (KnowledgeChunk Chunk, double Score, int BestRank)>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var chunk = ranking[rank].Chunk;
                var add = 1.0 / (k + rank + 1);
                scores[chunk.Id] = scores.TryGetValue(chunk.Id, out var existing)
                    ? (existing.Chunk, existing.Score + add, Math.Min(existing.BestRank, rank))
                    : (chunk, add, rank);
            }
        }

        return scores.Values
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.BestRank)
            .ThenBy(s => s.Chunk.Id, StringComparer.Ordinal)
            .Select(s => new RetrievedChunk(s.Chunk, s.Score))
            .ToList();
    }
}
