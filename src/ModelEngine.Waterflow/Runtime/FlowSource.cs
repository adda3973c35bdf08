namespace ModelEngine.Waterflow;

/// <summary>Writes offered items into an edge under its credits: the flow's input edge or the edge after a named node.</summary>
internal sealed class FlowSource<T>
{
    private const int MaxChunk = 256;

    private readonly FlowRuntime _runtime;
    private readonly CreditEdge<T> _edge;

    public FlowSource(FlowRuntime runtime, CreditEdge<T> edge)
    {
        _runtime = runtime;
        _edge = edge;
    }

    public CreditEdge<T> Edge => _edge;

    public bool TryOffer(T item, FlowSession session)
    {
        Prepare(session);
        session.Acquire(1);
        if (_edge.TryWrite(item, new ItemMeta(session, session.NextIndex(), null)))
        {
            return true;
        }

        session.Release(1);
        return false;
    }

    public ValueTask OfferAsync(T item, FlowSession session, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return TryOffer(item, session) ? ValueTask.CompletedTask : OfferAsyncCore(item, session, cancellationToken);
    }

    /// <summary>Writes a whole batch in chunks as credits allow. Completes the session at the end when asked to.</summary>
    public async Task PumpAsync(IEnumerable<T> items, FlowSession session, bool completeSession, CancellationToken cancellationToken)
    {
        Prepare(session);
        var chunk = new Envelope<T>[Math.Clamp(_edge.Window, 1, MaxChunk)];
        try
        {
            using var enumerator = items.GetEnumerator();
            var more = enumerator.MoveNext();
            while (more)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfCancelled();
                var reserved = _edge.TryReserve(chunk.Length);
                if (reserved == 0)
                {
                    await CreditSignal.WaitAsync(_edge, _runtime, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var count = 0;
                try
                {
                    while (count < reserved && more)
                    {
                        chunk[count++] = new Envelope<T>(enumerator.Current, new ItemMeta(session, session.NextIndex(), null));
                        more = enumerator.MoveNext();
                    }
                }
                finally
                {
                    session.Acquire(count);
                    _edge.WriteReserved(chunk.AsSpan(0, count));
                    _edge.Unreserve(reserved - count);
                }
            }
        }
        finally
        {
            Array.Clear(chunk);
            if (completeSession)
            {
                session.Complete();
            }
        }
    }

    private async ValueTask OfferAsyncCore(T item, FlowSession session, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfCancelled();
            await CreditSignal.WaitAsync(_edge, _runtime, cancellationToken).ConfigureAwait(false);
            if (TryOffer(item, session))
            {
                return;
            }
        }
    }

    private void Prepare(FlowSession session)
    {
        ThrowIfCancelled();
        session.Bind(_runtime);
        if (session.IsCompleteCalled)
        {
            throw new InvalidOperationException($"Session '{session.Id}' was completed and accepts no more items.");
        }
    }

    private void ThrowIfCancelled()
    {
        if (_runtime.IsCancelled)
        {
            throw new OperationCanceledException($"Flow '{_runtime.Name}' was cancelled.", _runtime.CancellationToken);
        }
    }
}
