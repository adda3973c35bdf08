using Reactive.Streams;

namespace ModelEngine.Waterflow;

/// <summary>
/// A built, running flow. Items enter through the offer methods or a Reactive Streams publisher and leave
/// through the callbacks given to <c>Close</c> (or the subscriber of a <see cref="PublisherFlow{TIn, TOut}"/>).
/// </summary>
/// <typeparam name="TIn">The type of the items offered to the flow.</typeparam>
/// <typeparam name="TOut">The type of the items the flow emits.</typeparam>
public class Flow<TIn, TOut>
{
    private readonly FlowSource<TIn> _source;

    internal Flow(FlowRuntime runtime, CreditEdge<TIn> input)
    {
        Runtime = runtime;
        _source = new FlowSource<TIn>(runtime, input);
        WaterflowMetrics.Register(runtime);
    }

    /// <summary>The name from <see cref="FlowOptions.Name"/>, or a generated one.</summary>
    public string Name => Runtime.Name;

    /// <summary>The session that single-item offers use until <see cref="Complete"/> is called.</summary>
    public FlowSession DefaultSession => Runtime.DefaultSession;

    /// <summary>Completes after <see cref="Finish"/> once every session has completed; faults when a node failure was not handled; cancels on <see cref="Cancel"/>.</summary>
    public Task Completion => Runtime.Completion;

    internal FlowRuntime Runtime { get; }

    internal CreditEdge<TIn> InputEdge => _source.Edge;

    /// <summary>Offers one item in the default session, blocking the calling thread while the flow has no credit for it.</summary>
    public void Offer(TIn item) => Offer(item, Runtime.DefaultSession);

    /// <summary>Offers one item in <paramref name="session"/>, blocking the calling thread while the flow has no credit for it.</summary>
    public void Offer(TIn item, FlowSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Runtime.ThrowIfInputClosed();
        if (!_source.TryOffer(item, session))
        {
            _source.OfferAsync(item, session, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Offers one item in the default session if the flow has a credit for it now; returns false otherwise.</summary>
    public bool TryOffer(TIn item) => TryOffer(item, Runtime.DefaultSession);

    /// <summary>Offers one item in <paramref name="session"/> if the flow has a credit for it now; returns false otherwise.</summary>
    public bool TryOffer(TIn item, FlowSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Runtime.ThrowIfInputClosed();
        return _source.TryOffer(item, session);
    }

    /// <summary>Offers one item in the default session, waiting while the flow has no credit for it.</summary>
    public ValueTask OfferAsync(TIn item, CancellationToken cancellationToken = default) =>
        OfferAsync(item, Runtime.DefaultSession, cancellationToken);

    /// <summary>Offers one item in <paramref name="session"/>, waiting while the flow has no credit for it.</summary>
    public ValueTask OfferAsync(TIn item, FlowSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        Runtime.ThrowIfInputClosed();
        return _source.OfferAsync(item, session, cancellationToken);
    }

    /// <summary>
    /// Offers a batch as a new session and completes that session after its last item. Items are written as
    /// credits allow; the call returns at once and the rest of the batch follows in the background.
    /// </summary>
    public FlowSession Offer(IEnumerable<TIn> batch, bool preserved = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Runtime.ThrowIfInputClosed();
        var session = new FlowSession(preserved);
        _ = PumpAndReportAsync(batch, session, CancellationToken.None);
        return session;
    }

    /// <summary>Offers a batch as a new session, waiting for credits, and returns the session after its last item was accepted.</summary>
    public async Task<FlowSession> OfferAsync(IEnumerable<TIn> batch, bool preserved = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Runtime.ThrowIfInputClosed();
        var session = new FlowSession(preserved);
        await _source.PumpAsync(batch, session, completeSession: true, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Offers a batch into <paramref name="session"/>, waiting for credits. The caller completes the session.</summary>
    public Task OfferAsync(IEnumerable<TIn> batch, FlowSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(session);
        Runtime.ThrowIfInputClosed();
        return _source.PumpAsync(batch, session, completeSession: false, cancellationToken);
    }

    /// <summary>
    /// Injects an item in the default session as if node <paramref name="nodeId"/> had emitted it. The node's
    /// successor receives it and the node itself is skipped. Blocks the calling thread while the successor has no credit.
    /// </summary>
    public void Offer<TData>(string nodeId, TData data) =>
        OfferAsync(nodeId, data).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Injects an item as if node <paramref name="nodeId"/> had emitted it: the node's successor receives it and
    /// the node itself is skipped. Waits while the successor has no credit.
    /// </summary>
    public ValueTask OfferAsync<TData>(string nodeId, TData data, FlowSession? session = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        Runtime.ThrowIfInputClosed();
        var edge = FindInjectionEdge<TData>(nodeId);
        return new FlowSource<TData>(Runtime, edge).OfferAsync(data, session ?? Runtime.DefaultSession, cancellationToken);
    }

    /// <summary>Feeds every item of <paramref name="publisher"/> into a new session, with backpressure across the boundary.</summary>
    public FlowSession OfferFrom(IPublisher<TIn> publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        Runtime.ThrowIfInputClosed();
        var subscriber = new FlowSubscriber<TIn>(Runtime, InputEdge, finishFlowOnComplete: false);
        publisher.Subscribe(subscriber);
        return subscriber.Session;
    }

    /// <summary>
    /// Returns a subscriber that feeds a new session of this flow and requests only as many items as the flow
    /// has credits for. When the publisher completes, the session completes and the flow is finished.
    /// </summary>
    public ISubscriber<TIn> AsSubscriber() => new FlowSubscriber<TIn>(Runtime, InputEdge, finishFlowOnComplete: true);

    /// <summary>Completes the default session; later single-item offers use a new default session.</summary>
    public void Complete() => Runtime.CompleteDefaultSession();

    /// <summary>Completes the default session and stops accepting input. <see cref="Completion"/> completes when every session has.</summary>
    public void Finish() => Runtime.Finish();

    /// <summary>Stops the flow: sources stop within one batch, every buffered item is dropped and pending offers fail.</summary>
    public void Cancel() => Runtime.Cancel();

    /// <summary>Renders the flow graph as a Mermaid flowchart. Thick arrows are credit edges between stages.</summary>
    public string ToMermaid() => MermaidRenderer.Render(Runtime);

    /// <summary>A snapshot of every node's counters, the same values the metrics instruments report.</summary>
    public IReadOnlyList<NodeMetrics> GetMetrics() => WaterflowMetrics.Snapshot(Runtime);

    private CreditEdge<TData> FindInjectionEdge<TData>(string nodeId)
    {
        var node = Runtime.Nodes.FirstOrDefault(candidate => candidate.Id == nodeId)
            ?? throw new ArgumentException($"Flow '{Name}' has no node with id '{nodeId}'.", nameof(nodeId));
        var outputs = node.Outputs.Where(edge => edge.Slot == 0).ToList();
        if (outputs.Count != 1 || node.Outputs.Count != 1)
        {
            throw new ArgumentException($"Node '{nodeId}' has {node.Outputs.Count} outputs; items can be injected only after a node with one output.", nameof(nodeId));
        }

        return outputs[0].To.InputEdge as CreditEdge<TData>
            ?? throw new ArgumentException(
                $"Node '{nodeId}' emits {node.OutputType.Name}, so it cannot accept an item of type {typeof(TData).Name}.", nameof(nodeId));
    }

    private async Task PumpAndReportAsync(IEnumerable<TIn> batch, FlowSession session, CancellationToken cancellationToken)
    {
        try
        {
            await _source.PumpAsync(batch, session, completeSession: true, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Runtime.IsCancelled)
        {
            // The flow was cancelled while the batch was being written; the remaining items are dropped with it.
        }
        catch (Exception exception)
        {
            Runtime.ReportError(exception, session, "source");
        }
    }
}
