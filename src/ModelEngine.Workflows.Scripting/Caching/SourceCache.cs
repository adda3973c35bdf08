using System.Collections.Concurrent;

namespace ModelEngine.Workflows.Scripting.Caching;

/// <summary>
/// A thread-safe cache of parse results keyed by source text, so each distinct script or template is parsed once.
/// </summary>
/// <remarks>
/// The number of entries is capped because definitions can be edited and scripts built at run time. When the cap is
/// reached the cache is emptied and fills again, which costs a re-parse of the scripts still in use and needs no
/// bookkeeping on the hot path.
/// </remarks>
internal sealed class SourceCache<TValue>
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public SourceCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>The number of cached entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the cached value for <paramref name="source"/>, creating and caching it on a miss.</summary>
    public TValue GetOrAdd(string source, Func<string, TValue> create)
    {
        if (_entries.TryGetValue(source, out var cached))
        {
            return cached;
        }

        var created = create(source);

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(source, created);
    }
}
