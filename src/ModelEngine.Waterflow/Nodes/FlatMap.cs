namespace ModelEngine.Waterflow;

/// <summary>A 1→m node whose function returns a sequence. The outputs stay in the input item's session.</summary>
internal sealed class FlatMapSpec<TIn, TOut> : NodeSpec<TIn, TOut>, IConcurrentWork<TIn, TOut>
{
    private readonly Func<TIn, IEnumerable<TOut>> _flatMap;

    public FlatMapSpec(Func<TIn, IEnumerable<TOut>> flatMap)
        : base("flatMap")
    {
        _flatMap = flatMap;
    }

    public override bool SupportsConcurrency => true;

    bool IConcurrentWork<TIn, TOut>.IsAsync => false;

    ValueTask IConcurrentWork<TIn, TOut>.RunAsync(TIn value, FlowSession session, List<TOut> outputs, CancellationToken cancellationToken)
    {
        outputs.AddRange(_flatMap(value));
        return ValueTask.CompletedTask;
    }

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors) =>
        new FlatMapNode(_flatMap, compiler.Downstream<TOut>(this, 0), Counters, errors);

    protected override Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<TIn> edge, NodeErrorPolicy<TIn> errors) =>
        new ConcurrentStage<TIn, TOut>(runtime, Name, edge, this, Concurrency, errors, Counters);

    private sealed class FlatMapNode : Inlet<TIn>
    {
        private readonly Func<TIn, IEnumerable<TOut>> _flatMap;
        private readonly Inlet<TOut> _next;
        private readonly NodeCounters _counters;
        private readonly NodeErrorPolicy<TIn> _errors;
        private readonly List<TOut> _scratch = [];

        public FlatMapNode(Func<TIn, IEnumerable<TOut>> flatMap, Inlet<TOut> next, NodeCounters counters, NodeErrorPolicy<TIn> errors)
        {
            _flatMap = flatMap;
            _next = next;
            _counters = counters;
            _errors = errors;
        }

        public override void OnNext(TIn value, in ItemMeta meta)
        {
            _counters.ItemsIn++;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // Materialise first, so a failing sequence emits nothing and a retry cannot duplicate outputs.
                    foreach (var output in _flatMap(value))
                    {
                        _scratch.Add(output);
                    }
                }
                catch (Exception exception)
                {
                    _scratch.Clear();
                    if (_errors.TryRecover(exception, value, meta, attempt, out value))
                    {
                        continue;
                    }

                    meta.Session.Release(1);
                    return;
                }

                break;
            }

            var count = _scratch.Count;
            meta.Session.Acquire(count);
            _counters.ItemsOut += count;
            for (var i = 0; i < count; i++)
            {
                _next.OnNext(_scratch[i], meta);
            }

            _scratch.Clear();
            meta.Session.Release(1);
        }
    }
}
