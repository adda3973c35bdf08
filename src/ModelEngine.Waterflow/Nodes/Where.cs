namespace ModelEngine.Waterflow;

/// <summary>A node that passes the items its predicate accepts and drops the others.</summary>
internal sealed class WhereSpec<T> : NodeSpec<T, T>, IConcurrentWork<T, T>
{
    private readonly Func<T, bool> _predicate;

    public WhereSpec(Func<T, bool> predicate)
        : base("where")
    {
        _predicate = predicate;
    }

    public override bool SupportsConcurrency => true;

    bool IConcurrentWork<T, T>.IsAsync => false;

    ValueTask IConcurrentWork<T, T>.RunAsync(T value, FlowSession session, List<T> outputs, CancellationToken cancellationToken)
    {
        if (_predicate(value))
        {
            outputs.Add(value);
        }

        return ValueTask.CompletedTask;
    }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors) =>
        new WhereNode(_predicate, compiler.Downstream<T>(this, 0), Counters, errors);

    protected override Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<T> edge, NodeErrorPolicy<T> errors) =>
        new ConcurrentStage<T, T>(runtime, Name, edge, this, Concurrency, errors, Counters);

    private sealed class WhereNode : Inlet<T>
    {
        private readonly Func<T, bool> _predicate;
        private readonly Inlet<T> _next;
        private readonly NodeCounters _counters;
        private readonly NodeErrorPolicy<T> _errors;

        public WhereNode(Func<T, bool> predicate, Inlet<T> next, NodeCounters counters, NodeErrorPolicy<T> errors)
        {
            _predicate = predicate;
            _next = next;
            _counters = counters;
            _errors = errors;
        }

        public override void OnNext(T value, in ItemMeta meta)
        {
            _counters.ItemsIn++;
            for (var attempt = 0; ; attempt++)
            {
                bool accepted;
                try
                {
                    accepted = _predicate(value);
                }
                catch (Exception exception)
                {
                    if (_errors.TryRecover(exception, value, meta, attempt, out value))
                    {
                        continue;
                    }

                    accepted = false;
                }

                if (!accepted)
                {
                    meta.Session.Release(1);
                    return;
                }

                _counters.ItemsOut++;
                _next.OnNext(value, meta);
                return;
            }
        }
    }
}
