using System.Collections.Concurrent;

namespace ModelEngine.Waterflow;

/// <summary>
/// Feeds items from outside a stage (a released block, an offer at a named node) into an edge, one credit at
/// a time. Items wait here while the edge has no credits, and the injector resumes when credits are granted.
/// </summary>
internal sealed class EdgeInjector<T> : ICreditWaiter
{
    private readonly CreditEdge<T> _edge;
    private readonly ConcurrentQueue<Envelope<T>> _queue = new();
    private int _pumping;

    public EdgeInjector(CreditEdge<T> edge)
    {
        _edge = edge;
    }

    public int Pending => _queue.Count;

    /// <summary>Queues items whose sessions already count them as live, and starts writing them.</summary>
    public void Enqueue(T value, in ItemMeta meta)
    {
        _queue.Enqueue(new Envelope<T>(value, meta));
        Pump();
    }

    public void OnCredit() => Pump();

    private void Pump()
    {
        while (true)
        {
            if (Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
            {
                return;
            }

            var waiting = false;
            while (_queue.TryPeek(out var item))
            {
                if (_edge.IsClosed)
                {
                    _queue.Clear();
                    break;
                }

                if (_edge.TryWrite(item.Value, item.Meta))
                {
                    _queue.TryDequeue(out _);
                    continue;
                }

                if (_edge.RegisterWaiter(this))
                {
                    waiting = true;
                    break;
                }
            }

            Volatile.Write(ref _pumping, 0);

            // Items queued after the loop ended found the pump busy, so look again unless a credit callback will.
            if (waiting || _queue.IsEmpty)
            {
                return;
            }
        }
    }
}
