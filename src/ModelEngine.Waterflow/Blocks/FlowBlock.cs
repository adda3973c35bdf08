namespace ModelEngine.Waterflow;

/// <summary>
/// A point where a flow holds items for human or system intervention. Held items can be listed, and are
/// released by predicate or by id into the nodes after the block. A held item keeps its session open.
/// </summary>
public sealed class FlowBlock<T>
{
    private readonly object _gate = new();
    private readonly Func<T, bool>? _verify;
    private readonly Dictionary<Guid, Entry> _held = [];
    private readonly List<Guid> _order = [];
    private EdgeInjector<T>? _injector;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>Creates a block.</summary>
    /// <param name="verify">The check <see cref="Resume()"/> applies; items that fail it stay held. Null releases all.</param>
    public FlowBlock(Func<T, bool>? verify = null)
    {
        _verify = verify;
    }

    /// <summary>The number of items held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>A snapshot of the held items in arrival order.</summary>
    public IReadOnlyList<HeldItem<T>> Held
    {
        get
        {
            lock (_gate)
            {
                return [.. _order.Select(id => _held[id].Item)];
            }
        }
    }

    /// <summary>Releases the held items that pass the block's verify check and returns how many were released.</summary>
    public int Resume() => Resume(_verify ?? (static _ => true));

    /// <summary>Releases the held items that match <paramref name="predicate"/> and returns how many were released.</summary>
    public int Resume(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);

        // The predicate is user code, so it runs on a snapshot outside the lock.
        var matching = Held.Where(item => predicate(item.Value)).Select(item => item.Id).ToList();
        return Release(matching);
    }

    /// <summary>Releases the held items with the given ids; ids that are not held are ignored.</summary>
    public int Release(IEnumerable<Guid> ids) => Remove(ids, drop: false);

    /// <summary>Discards the held items with the given ids, so their sessions can complete without them.</summary>
    public int Drop(IEnumerable<Guid> ids) => Remove(ids, drop: true);

    internal void Attach(EdgeInjector<T> injector, TimeProvider time)
    {
        lock (_gate)
        {
            if (_injector is not null)
            {
                throw new InvalidOperationException("This block is already used by another flow. Create one block per flow.");
            }

            _injector = injector;
            _time = time;
        }
    }

    internal void Hold(T value, in ItemMeta meta)
    {
        var item = new HeldItem<T>(Guid.NewGuid(), meta.Session.Id, value, _time.GetUtcNow());
        lock (_gate)
        {
            _held.Add(item.Id, new Entry(item, meta));
            _order.Add(item.Id);
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _held.Clear();
            _order.Clear();
        }
    }

    private int Remove(IEnumerable<Guid> ids, bool drop)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var removed = new List<Entry>();
        EdgeInjector<T>? injector;
        lock (_gate)
        {
            injector = _injector;
            foreach (var id in ids)
            {
                if (_held.Remove(id, out var entry))
                {
                    _order.Remove(id);
                    removed.Add(entry);
                }
            }
        }

        foreach (var entry in removed)
        {
            if (drop || injector is null)
            {
                entry.Meta.Session.Release(1);
            }
            else
            {
                injector.Enqueue(entry.Item.Value, entry.Meta);
            }
        }

        return removed.Count;
    }

    private readonly record struct Entry(HeldItem<T> Item, ItemMeta Meta);
}
