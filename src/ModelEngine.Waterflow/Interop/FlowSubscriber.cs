using Reactive.Streams;

namespace ModelEngine.Waterflow;

/// <summary>
/// Feeds a Reactive Streams publisher into a flow's input edge as one session. It requests exactly as many
/// items as it reserved credits for, and requests more when half of them arrived, so backpressure crosses the
/// boundary without a buffer of its own. Calls to the subscription go through one loop at a time, so
/// <c>Request</c> and <c>Cancel</c> never overlap even when credits arrive on another thread.
/// </summary>
internal sealed class FlowSubscriber<T> : ISubscriber<T>, ICreditWaiter
{
    private readonly object _gate = new();
    private readonly FlowRuntime _runtime;
    private readonly CreditEdge<T> _edge;
    private readonly bool _finishFlowOnComplete;
    private readonly int _window;
    private ISubscription? _subscription;
    private int _outstanding;
    private bool _done;
    private long _toRequest;
    private int _cancelRequested;
    private int _signalling;

    public FlowSubscriber(FlowRuntime runtime, CreditEdge<T> edge, bool finishFlowOnComplete)
    {
        _runtime = runtime;
        _edge = edge;
        _finishFlowOnComplete = finishFlowOnComplete;
        _window = Math.Max(1, edge.Window);
        Session = new FlowSession();
        Session.Bind(runtime);

        // Rule 2.6: a cancelled flow no longer needs the publisher, so it cancels the subscription.
        runtime.OnCancel(() =>
        {
            Interlocked.Exchange(ref _cancelRequested, 1);
            Signal();
        });
    }

    /// <summary>The session that carries the publisher's items.</summary>
    public FlowSession Session { get; }

    public void OnSubscribe(ISubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var existing = Interlocked.CompareExchange(ref _subscription, subscription, null);
        if (existing is not null)
        {
            // Rule 2.5: a second subscription while one is active is cancelled; a repeated call with the
            // active one (rule 2.12) is ignored.
            if (!ReferenceEquals(existing, subscription))
            {
                subscription.Cancel();
            }

            return;
        }

        if (Volatile.Read(ref _cancelRequested) != 0)
        {
            Signal();
            return;
        }

        RequestMore();
    }

    public void OnNext(T element)
    {
        if (element is null)
        {
            throw new ArgumentNullException(nameof(element), "Reactive Streams rule 2.13: elements must not be null.");
        }

        bool violation;
        bool requestMore;
        lock (_gate)
        {
            if (_done)
            {
                // Rule 2.8: items may still arrive after this subscriber cancelled.
                return;
            }

            violation = _outstanding == 0;
            if (!violation)
            {
                _outstanding--;
            }

            requestMore = _outstanding <= _window / 2;
        }

        if (violation)
        {
            Stop(new InvalidOperationException("The publisher sent more items than were requested (Reactive Streams rule 1.1)."));
            return;
        }

        Session.Acquire(1);
        var item = new Envelope<T>(element, new ItemMeta(Session, Session.NextIndex(), null));
        _edge.WriteReserved(new ReadOnlySpan<Envelope<T>>(ref item));
        if (requestMore)
        {
            RequestMore();
        }
    }

    public void OnError(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        Finish(cause);
    }

    public void OnComplete() => Finish(null);

    public void OnCredit() => RequestMore();

    private void RequestMore()
    {
        while (true)
        {
            int reserved;
            lock (_gate)
            {
                if (_done || _subscription is null)
                {
                    return;
                }

                var room = _window - _outstanding;
                if (room <= 0)
                {
                    return;
                }

                reserved = _edge.TryReserve(room);
                _outstanding += reserved;
            }

            if (reserved > 0)
            {
                Interlocked.Add(ref _toRequest, reserved);
                Signal();
                return;
            }

            if (_edge.RegisterWaiter(this) || _edge.IsClosed)
            {
                return;
            }
        }
    }

    /// <summary>Calls the subscription for pending requests and cancellation, one thread at a time.</summary>
    private void Signal()
    {
        if (Interlocked.Increment(ref _signalling) != 1)
        {
            return;
        }

        var missed = 1;
        while (true)
        {
            var subscription = Volatile.Read(ref _subscription);
            if (subscription is not null && Volatile.Read(ref _cancelRequested) == 1)
            {
                if (Interlocked.Exchange(ref _cancelRequested, 2) == 1)
                {
                    subscription.Cancel();
                }
            }
            else if (subscription is not null && Volatile.Read(ref _cancelRequested) == 0)
            {
                var count = Interlocked.Exchange(ref _toRequest, 0);
                if (count > 0)
                {
                    subscription.Request(count);
                }
            }

            missed = Interlocked.Add(ref _signalling, -missed);
            if (missed == 0)
            {
                return;
            }
        }
    }

    private void Stop(Exception error)
    {
        Interlocked.CompareExchange(ref _cancelRequested, 1, 0);
        Signal();
        Finish(error);
    }

    /// <summary>Ends the session once; an error is reported before the session completes, so it reaches the flow first.</summary>
    private void Finish(Exception? error)
    {
        int unused;
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _done = true;
            unused = _outstanding;
            _outstanding = 0;
        }

        _edge.Unreserve(unused);
        if (error is not null)
        {
            _runtime.ReportError(error, Session, "upstream publisher");
        }

        Session.Complete();
        if (_finishFlowOnComplete)
        {
            _runtime.Finish();
        }
    }
}
