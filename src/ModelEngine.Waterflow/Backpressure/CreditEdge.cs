using System.Diagnostics;

namespace ModelEngine.Waterflow;

/// <summary>
/// A bounded, credit-controlled hand-off into one stage. Producers may write only as many items as they hold
/// credits for. The consumer takes everything queued in one swap and grants the credits back in batches of
/// half the window, so one hand-off and one grant each cover many items.
/// </summary>
/// <remarks>
/// A window of zero is a rendezvous: the edge lends one credit only when the consumer finds the queue empty.
/// A feedback edge (the way back of a loop) is unbounded, because a credit limit on a cycle can deadlock.
/// Control signals (session flush, window timers) need no credits, so an edge without credits never holds them back.
/// </remarks>
internal sealed class CreditEdge<T> : IEdgeStatistics
{
    private readonly object _gate = new();
    private readonly int _grantThreshold;
    private Envelope<T>[] _buffer;
    private int _count;
    private long _credits;
    private int _ungranted;
    private Queue<IStageControl>? _controls;
    private List<ICreditWaiter>? _waiters;
    private bool _closed;

    public CreditEdge(int window, string targetName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        Window = window;
        TargetName = targetName;
        _buffer = new Envelope<T>[Math.Max(window, 1)];
        _credits = Math.Max(window, 1);
        _grantThreshold = Math.Max(1, window / 2);
    }

    /// <summary>The number of credits this edge lends to its producers in total.</summary>
    public int Window { get; }

    /// <summary>The name of the node that consumes this edge, for metrics and diagnostics.</summary>
    public string TargetName { get; }

    public IEdgeConsumer? Consumer { get; set; }

    /// <summary>Credits producers may still use.</summary>
    public long Credits => Volatile.Read(ref _credits);

    /// <summary>Items queued on the edge and not yet taken by the consumer.</summary>
    public int QueueLength => Volatile.Read(ref _count);

    /// <summary>Capacity of a buffer that can receive one swap of this edge.</summary>
    public int BufferCapacity
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Length;
            }
        }
    }

    /// <summary>Writes as many items as there are credits for and returns how many were written.</summary>
    public int TryWrite(ReadOnlySpan<Envelope<T>> items)
    {
        bool schedule;
        int written;
        lock (_gate)
        {
            if (_closed)
            {
                return items.Length;
            }

            written = (int)Math.Min(items.Length, _credits);
            if (written == 0)
            {
                return 0;
            }

            _credits -= written;
            schedule = AppendLocked(items[..written]);
        }

        if (schedule)
        {
            Consumer?.Schedule();
        }

        return written;
    }

    /// <summary>Writes one item if a credit is available.</summary>
    public bool TryWrite(T value, in ItemMeta meta)
    {
        var item = new Envelope<T>(value, meta);
        return TryWrite(new ReadOnlySpan<Envelope<T>>(ref item)) == 1;
    }

    /// <summary>Takes up to <paramref name="max"/> credits for a producer that writes later with <see cref="WriteReserved"/>.</summary>
    public int TryReserve(int max)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return 0;
            }

            var reserved = (int)Math.Min(max, _credits);
            _credits -= reserved;
            return reserved;
        }
    }

    /// <summary>Returns credits that a producer reserved and did not use.</summary>
    public void Unreserve(int count)
    {
        if (count <= 0)
        {
            return;
        }

        List<ICreditWaiter>? waiters;
        lock (_gate)
        {
            _credits += count;
            waiters = TakeWaitersLocked();
        }

        Wake(waiters);
    }

    /// <summary>Writes items covered by credits taken earlier with <see cref="TryReserve"/>.</summary>
    public void WriteReserved(ReadOnlySpan<Envelope<T>> items) => WriteWithoutCredits(items);

    /// <summary>
    /// Writes items without taking credits. Only a feedback edge and reserved writes use this, so the bound on
    /// acyclic edges still holds.
    /// </summary>
    public void WriteWithoutCredits(ReadOnlySpan<Envelope<T>> items)
    {
        bool schedule;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            schedule = AppendLocked(items);
        }

        if (schedule)
        {
            Consumer?.Schedule();
        }
    }

    /// <summary>Queues a control signal for the consumer. Control signals need no credits.</summary>
    public void PostControl(IStageControl control)
    {
        bool schedule;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _controls ??= new Queue<IStageControl>();
            _controls.Enqueue(control);
            schedule = _count == 0 && _controls.Count == 1;
        }

        if (schedule)
        {
            Consumer?.Schedule();
        }
    }

    /// <summary>
    /// Swaps the queued items into <paramref name="spare"/> and returns their count. The consumer owns the
    /// returned array until the next call. Control signals queued so far are moved into <paramref name="controls"/>.
    /// </summary>
    public int Take(ref Envelope<T>[] spare, Queue<IStageControl> controls)
    {
        List<ICreditWaiter>? waiters = null;
        int taken;
        lock (_gate)
        {
            if (_controls is not null)
            {
                while (_controls.TryDequeue(out var control))
                {
                    controls.Enqueue(control);
                }
            }

            taken = _count;
            if (taken > 0)
            {
                if (spare.Length < _buffer.Length)
                {
                    spare = new Envelope<T>[_buffer.Length];
                }

                (_buffer, spare) = (spare, _buffer);
                _count = 0;
            }
            else if (Window == 0 && _credits == 0 && !_closed)
            {
                // The rendezvous edge lends its single credit only to a consumer that is waiting for data.
                _credits = 1;
                waiters = TakeWaitersLocked();
            }
        }

        Wake(waiters);
        return taken;
    }

    /// <summary>Records that the consumer finished <paramref name="count"/> items and grants credits in batches.</summary>
    public void Grant(int count)
    {
        if (count <= 0 || Window == 0)
        {
            return;
        }

        List<ICreditWaiter>? waiters;
        lock (_gate)
        {
            _ungranted += count;
            if (_ungranted < _grantThreshold)
            {
                return;
            }

            _credits += _ungranted;
            _ungranted = 0;
            AssertInvariants();
            waiters = TakeWaitersLocked();
        }

        Wake(waiters);
    }

    /// <summary>
    /// Registers a producer to be called when credits arrive. Returns false when credits are already available,
    /// in which case the producer should retry instead of waiting.
    /// </summary>
    public bool RegisterWaiter(ICreditWaiter waiter)
    {
        lock (_gate)
        {
            if (_credits > 0 || _closed)
            {
                return false;
            }

            _waiters ??= new List<ICreditWaiter>();
            if (!_waiters.Contains(waiter))
            {
                _waiters.Add(waiter);
            }

            return true;
        }
    }

    /// <summary>Drops every queued item and control signal and wakes every waiting producer.</summary>
    public void Close()
    {
        List<ICreditWaiter>? waiters;
        lock (_gate)
        {
            _closed = true;
            Array.Clear(_buffer);
            _count = 0;
            _controls = null;
            waiters = TakeWaitersLocked();
        }

        Wake(waiters);
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    private bool AppendLocked(ReadOnlySpan<Envelope<T>> items)
    {
        var required = _count + items.Length;
        if (required > _buffer.Length)
        {
            // Only writes without credits (feedback edges) can get here.
            Array.Resize(ref _buffer, Math.Max(required, _buffer.Length * 2));
        }

        var wasIdle = _count == 0 && (_controls is null || _controls.Count == 0);
        items.CopyTo(_buffer.AsSpan(_count));
        _count = required;
        return wasIdle;
    }

    private List<ICreditWaiter>? TakeWaitersLocked()
    {
        var waiters = _waiters;
        if (waiters is null || waiters.Count == 0)
        {
            return null;
        }

        _waiters = null;
        return waiters;
    }

    private static void Wake(List<ICreditWaiter>? waiters)
    {
        if (waiters is null)
        {
            return;
        }

        foreach (var waiter in waiters)
        {
            waiter.OnCredit();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_credits >= 0, "Credits never go below zero.");
        Debug.Assert(_count >= 0, "The queue length is never negative.");
    }
}
