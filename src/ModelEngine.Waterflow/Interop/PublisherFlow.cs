using Reactive.Streams;

namespace ModelEngine.Waterflow;

/// <summary>
/// A flow whose results go to one Reactive Streams subscriber. The subscriber's demand grants the credits of
/// the flow's last edge, so the flow never produces more than the subscriber requested plus that edge's window.
/// </summary>
/// <remarks>
/// The publisher is unicast: a second subscriber receives <c>OnSubscribe</c> followed by <c>OnError</c>.
/// Cancelling the subscription cancels the flow. The subscriber receives <c>OnComplete</c> after
/// <see cref="Flow{TIn, TOut}.Finish"/> once every session has completed, and <c>OnError</c> when a node failure
/// was not handled or the flow was cancelled.
/// </remarks>
public sealed class PublisherFlow<TIn, TOut> : Flow<TIn, TOut>, IPublisher<TOut>
{
    private readonly CreditEdge<TOut> _output;
    private int _subscribed;

    internal PublisherFlow(FlowRuntime runtime, CreditEdge<TIn> input, CreditEdge<TOut> output)
        : base(runtime, input)
    {
        _output = output;
    }

    /// <inheritdoc/>
    public void Subscribe(ISubscriber<TOut> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            subscriber.OnSubscribe(new OutputSubscription<TOut>.Rejected());
            subscriber.OnError(new InvalidOperationException($"Flow '{Name}' publishes to one subscriber only, and it already has one."));
            return;
        }

        new OutputSubscription<TOut>(Runtime, _output, subscriber).Start();
    }
}
