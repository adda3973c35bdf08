using Reactive.Streams;

namespace ModelEngine.Waterflow;

/// <summary>
/// The subscription of a publisher flow's subscriber. One drain loop at a time delivers signals, so signals
/// are serialized and a <c>Request</c> made inside <c>OnNext</c> only adds demand for the running loop instead of
/// recursing. Delivered items grant credits back to the flow's last edge.
/// </summary>
internal sealed class OutputSubscription<T> : ISubscription, IEdgeConsumer, IThreadPoolWorkItem
{
    private static readonly Exception s_completed = new();

    private readonly FlowRuntime _runtime;
    private readonly CreditEdge<T> _edge;
    private readonly Queue<IStageControl> _controls = new();
    private ISubscriber<T>? _subscriber;
    private Envelope<T>[] _batch;
    private int _batchCount;
    private int _position;
    private long _demand;
    private int _work;
    private int _cancelled;
    private bool _done;
    private Exception? _invalidRequest;
    private Exception? _terminal;

    public OutputSubscription(FlowRuntime runtime, CreditEdge<T> edge, ISubscriber<T> subscriber)
    {
        _runtime = runtime;
        _edge = edge;
        _subscriber = subscriber;
        _batch = new Envelope<T>[edge.BufferCapacity];
    }

    public void Start()
    {
        _edge.Consumer = this;
        _subscriber!.OnSubscribe(this);
        _runtime.Terminated += OnTerminated;
        _runtime.OnCancel(() => OnTerminated(new OperationCanceledException($"Flow '{_runtime.Name}' was cancelled.")));
        if (_runtime.Completion.IsCompleted)
        {
            OnTerminated(_runtime.Completion.Exception?.InnerException ?? (_runtime.Completion.IsCanceled ? new OperationCanceledException() : null));
        }

        Drain();
    }

    public void Request(long n)
    {
        if (n <= 0)
        {
            Volatile.Write(ref _invalidRequest, new ArgumentOutOfRangeException(
                nameof(n), n, "Reactive Streams rule 3.9: request must be called with a positive number of items."));
        }
        else
        {
            long current;
            long next;
            do
            {
                current = Volatile.Read(ref _demand);
                next = current > long.MaxValue - n ? long.MaxValue : current + n;
            }
            while (Interlocked.CompareExchange(ref _demand, next, current) != current);
        }

        Drain();
    }

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 1)
        {
            return;
        }

        // Rule 3.13: drop the reference so the subscriber can be collected.
        Volatile.Write(ref _subscriber, null);
        _runtime.Cancel();
        Drain();
    }

    public void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => Drain();

    private void OnTerminated(Exception? error)
    {
        Interlocked.CompareExchange(ref _terminal, error ?? s_completed, null);
        Schedule();
    }

    private void Drain()
    {
        if (Interlocked.Increment(ref _work) != 1)
        {
            return;
        }

        var missed = 1;
        while (true)
        {
            DrainOnce();
            missed = Interlocked.Add(ref _work, -missed);
            if (missed == 0)
            {
                return;
            }
        }
    }

    private void DrainOnce()
    {
        if (_done)
        {
            return;
        }

        if (Volatile.Read(ref _cancelled) == 1)
        {
            Release();
            return;
        }

        var subscriber = Volatile.Read(ref _subscriber)!;
        if (Volatile.Read(ref _invalidRequest) is { } invalid)
        {
            Terminate(subscriber, invalid);
            _runtime.Cancel();
            return;
        }

        var delivered = 0;
        while (Volatile.Read(ref _demand) > 0 && Volatile.Read(ref _cancelled) == 0)
        {
            if (_position >= _batchCount)
            {
                _position = 0;
                _batchCount = _edge.Take(ref _batch, _controls);
                if (_batchCount == 0)
                {
                    break;
                }
            }

            var item = _batch[_position];
            _batch[_position++] = default;
            if (Volatile.Read(ref _demand) != long.MaxValue)
            {
                Interlocked.Decrement(ref _demand);
            }

            subscriber.OnNext(item.Value);
            item.Meta.Session.Release(1);
            delivered++;
        }

        _edge.Grant(delivered);
        if (Volatile.Read(ref _terminal) is { } terminal && _position >= _batchCount && _edge.QueueLength == 0 && Volatile.Read(ref _cancelled) == 0)
        {
            Terminate(subscriber, ReferenceEquals(terminal, s_completed) ? null : terminal);
        }
    }

    private void Terminate(ISubscriber<T> subscriber, Exception? error)
    {
        _done = true;
        Volatile.Write(ref _subscriber, null);
        Release();
        if (error is null)
        {
            subscriber.OnComplete();
        }
        else
        {
            subscriber.OnError(error);
        }
    }

    private void Release()
    {
        Array.Clear(_batch);
        _batchCount = 0;
        _position = 0;
    }

    /// <summary>The subscription given to a rejected second subscriber; it ignores every call.</summary>
    internal sealed class Rejected : ISubscription
    {
        public void Request(long n)
        {
        }

        public void Cancel()
        {
        }
    }
}
