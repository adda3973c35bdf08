namespace ModelEngine.Waterflow;

/// <summary>A 1→m node whose function emits through a collector, in the input item's session.</summary>
internal sealed class ProcessSpec<TIn, TOut> : NodeSpec<TIn, TOut>, IConcurrentWork<TIn, TOut>
{
    private readonly Action<TIn, IFlowCollector<TOut>> _process;

    public ProcessSpec(Action<TIn, IFlowCollector<TOut>> process)
        : base("process")
    {
        _process = process;
    }

    public override bool SupportsConcurrency => true;

    bool IConcurrentWork<TIn, TOut>.IsAsync => false;

    ValueTask IConcurrentWork<TIn, TOut>.RunAsync(TIn value, FlowSession session, List<TOut> outputs, CancellationToken cancellationToken)
    {
        _process(value, new ListCollector(session, outputs));
        return ValueTask.CompletedTask;
    }

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors) =>
        new ProcessNode(_process, compiler.Downstream<TOut>(this, 0), Counters, errors);

    protected override Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<TIn> edge, NodeErrorPolicy<TIn> errors) =>
        new ConcurrentStage<TIn, TOut>(runtime, Name, edge, this, Concurrency, errors, Counters);

    private sealed class ListCollector(FlowSession session, List<TOut> outputs) : IFlowCollector<TOut>
    {
        public FlowSession Session => session;

        public void Collect(TOut item) => outputs.Add(item);
    }

    private sealed class ProcessNode : Inlet<TIn>
    {
        private readonly Action<TIn, IFlowCollector<TOut>> _process;
        private readonly NodeErrorPolicy<TIn> _errors;
        private readonly NodeCounters _counters;
        private readonly List<TOut> _outputs = [];
        private readonly Inlet<TOut> _next;

        public ProcessNode(Action<TIn, IFlowCollector<TOut>> process, Inlet<TOut> next, NodeCounters counters, NodeErrorPolicy<TIn> errors)
        {
            _process = process;
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
                    // Outputs are collected first so that a failure followed by a retry does not emit twice.
                    _process(value, new ListCollector(meta.Session, _outputs));
                    break;
                }
                catch (Exception exception)
                {
                    _outputs.Clear();
                    if (!_errors.TryRecover(exception, value, meta, attempt, out value))
                    {
                        meta.Session.Release(1);
                        return;
                    }
                }
            }

            var count = _outputs.Count;
            meta.Session.Acquire(count);
            _counters.ItemsOut += count;
            for (var i = 0; i < count; i++)
            {
                _next.OnNext(_outputs[i], meta);
            }

            _outputs.Clear();
            meta.Session.Release(1);
        }
    }
}
