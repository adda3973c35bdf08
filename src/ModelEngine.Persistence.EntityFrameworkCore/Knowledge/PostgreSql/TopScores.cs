namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge.PostgreSql;

/// <summary>
/// Keeps the <c>capacity</c> best (score, id) pairs seen so far, ranked by score descending and then by id in ordinal
/// order, the same order that the keyword ranking's SQL uses.
/// </summary>
internal sealed class TopScores
{
    private readonly int _capacity;

    // The root of the queue is the worst pair kept, so that a better pair replaces it in O(log capacity). Of two
    // equal scores, the greater id ranks lower.
    private static readonly Comparer<(double Score, string Id)> WorstFirst = Comparer<(double Score, string Id)>.Create(
        (left, right) => left.Score != right.Score ? left.Score.CompareTo(right.Score) : string.CompareOrdinal(right.Id, left.Id));

    private readonly PriorityQueue<string, (double Score, string Id)> _queue;

    public TopScores(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _queue = new PriorityQueue<string, (double Score, string Id)>(capacity + 1, WorstFirst);
    }

    /// <summary>Adds a pair when it ranks above the worst pair kept, or when fewer than capacity pairs are kept.</summary>
    public void Offer(string id, double score)
    {
        if (_queue.Count < _capacity)
        {
            _queue.Enqueue(id, (score, id));
            return;
        }

        _queue.TryPeek(out _, out var worst);
        if (WorstFirst.Compare((score, id), worst) > 0)
        {
            _queue.DequeueEnqueue(id, (score, id));
        }
    }

    /// <summary>Returns the kept pairs, best first.</summary>
    public List<(string Id, double Score)> ToRanking()
    {
        var ranking = _queue.UnorderedItems.Select(item => item.Priority).ToList();
        ranking.Sort((left, right) => WorstFirst.Compare(right, left));
        return ranking.ConvertAll(pair => (pair.Id, pair.Score));
    }
}
