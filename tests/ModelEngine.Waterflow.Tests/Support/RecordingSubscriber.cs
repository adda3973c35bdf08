using System.Collections.Concurrent;
using Reactive.Streams;

namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// A subscriber that records every signal and the protocol violations it can see: overlapping signals,
/// signals after a terminal one, onSubscribe not first, and re-entrant onNext calls.
/// </summary>
internal sealed class RecordingSubscriber<T> : ISubscriber<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly TaskCompletionSource<Exception?> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inSignal;
    private int _nesting;
    private int _depth;
    private int _maxDepth;
    private bool _subscribed;
    private bool _terminal;

    /// <summary>Called inside onNext with the subscription and the item count so far.</summary>
    public Action<ISubscription, int>? OnNextAction { get; init; }

    /// <summary>Called inside onSubscribe.</summary>
    public Action<ISubscription>? OnSubscribeAction { get; init; }

    public ISubscription? Subscription { get; private set; }

    public IReadOnlyList<T> Items => [.. _items];

    public int Count => _items.Count;

    public IReadOnlyList<string> Violations => [.. _violations];

    public int MaxOnNextDepth => Volatile.Read(ref _maxDepth);

    /// <summary>Completes with null on onComplete or with the error on onError.</summary>
    public Task<Exception?> Terminated => _terminated.Task;

    public int SignalsAfterTerminal { get; private set; }

    public void OnSubscribe(ISubscription subscription)
    {
        Enter("OnSubscribe");
        if (_subscribed)
        {
            _violations.Enqueue("OnSubscribe was called twice.");
        }

        _subscribed = true;
        Subscription = subscription;
        OnSubscribeAction?.Invoke(subscription);
        Exit();
    }

    public void OnNext(T element)
    {
        var depth = Interlocked.Increment(ref _depth);
        if (depth > Volatile.Read(ref _maxDepth))
        {
            Volatile.Write(ref _maxDepth, depth);
        }

        if (depth == 1)
        {
            Enter("OnNext");
        }

        _items.Enqueue(element);
        OnNextAction?.Invoke(Subscription!, _items.Count);
        if (depth == 1)
        {
            Exit();
        }

        Interlocked.Decrement(ref _depth);
    }

    public void OnError(Exception cause)
    {
        Enter("OnError");
        _terminal = true;
        _terminated.TrySetResult(cause);
        Exit();
    }

    public void OnComplete()
    {
        Enter("OnComplete");
        _terminal = true;
        _terminated.TrySetResult(null);
        Exit();
    }

    private void Enter(string signal)
    {
        // A signal made from inside another signal on the same thread (OnNext from a Request made in
        // OnSubscribe, rules 3.2 and 3.10) is nested, not overlapping.
        var thread = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref _inSignal, thread, 0);
        if (owner != 0 && owner != thread)
        {
            _violations.Enqueue($"{signal} overlapped another signal.");
        }

        _nesting++;

        if (!_subscribed && signal != "OnSubscribe")
        {
            _violations.Enqueue($"{signal} came before OnSubscribe.");
        }

        if (_terminal)
        {
            SignalsAfterTerminal++;
            _violations.Enqueue($"{signal} came after a terminal signal.");
        }
    }

    private void Exit()
    {
        if (--_nesting == 0)
        {
            Volatile.Write(ref _inSignal, 0);
        }
    }
}
