namespace ModelEngine.Waterflow;

/// <summary>A 1→1 node with a synchronous or asynchronous function.</summary>
internal sealed class MapSpec<TIn, TOut> : NodeSpec<TIn, TOut>, IConcurrentWork<TIn, TOut>
{
    private readonly Func<TIn, TOut>? _map;
    private readonly Func<TIn, CancellationToken, ValueTask<TOut>>? _mapAsync;

    public MapSpec(Func<TIn, TOut> map)
        : base("map")
    {
        _map = map;
    }

    public MapSpec(Func<TIn, CancellationToken, ValueTask<TOut>> mapAsync)
        : base("map")
    {
        _mapAsync = mapAsync;
    }

    public override bool IsAsync => _mapAsync is not null;

    public override bool SupportsConcurrency => true;

    async ValueTask IConcurrentWork<TIn, TOut>.RunAsync(TIn value, FlowSession session, List<TOut> outputs, CancellationToken cancellationToken)
    {
        outputs.Add(_map is not null ? _map(value) : await _mapAsync!(value, cancellationToken).ConfigureAwait(false));
    }

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors) =>
        new MapNode<TIn, TOut>(_map!, compiler.Downstream<TOut>(this, 0), Counters, errors);

    protected override Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<TIn> edge, NodeErrorPolicy<TIn> errors) =>
        new ConcurrentStage<TIn, TOut>(runtime, Name, edge, this, Concurrency, errors, Counters);
}

/// <summary>The fused form of a synchronous map.</summary>
internal sealed class MapNode<TIn, TOut> : Inlet<TIn>
{
    private readonly Func<TIn, TOut> _map;
    private readonly Inlet<TOut> _next;
    private readonly NodeCounters _counters;
    private readonly NodeErrorPolicy<TIn> _errors;

    public MapNode(Func<TIn, TOut> map, Inlet<TOut> next, NodeCounters counters, NodeErrorPolicy<TIn> errors)
    {
        _map = map;
        _next = next;
        _counters = counters;
        _errors = errors;
    }

    public override void OnNext(TIn value, in ItemMeta meta)
    {
        _counters.ItemsIn++;
        TOut result;
        try
        {
            result = _map(value);
        }
        catch (Exception exception)
        {
            Recover(exception, value, meta);
            return;
        }

        _counters.ItemsOut++;
        _next.OnNext(result, meta);
    }

    private void Recover(Exception exception, TIn value, in ItemMeta meta)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!_errors.TryRecover(exception, value, meta, attempt, out value))
            {
                meta.Session.Release(1);
                return;
            }

            TOut result;
            try
            {
                result = _map(value);
            }
            catch (Exception again)
            {
                exception = again;
                continue;
            }

            _counters.ItemsOut++;
            _next.OnNext(result, meta);
            return;
        }
    }
}
