namespace ModelEngine.Waterflow;

/// <summary>A node that sends every item to each of its branches, tagged with one fork group.</summary>
internal sealed class ForkSpec<T> : NodeSpec<T, T>
{
    public ForkSpec(ParallelMode mode)
        : base("parallel")
    {
        Mode = mode;
    }

    public ParallelMode Mode { get; }

    public int BranchCount { get; set; }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors)
    {
        var targets = new Inlet<T>[BranchCount];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = compiler.Downstream<T>(this, i);
        }

        return new ForkNode(targets, Counters);
    }

    private sealed class ForkNode(Inlet<T>[] targets, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            counters.ItemsOut += targets.Length;
            var group = new ForkGroup(targets.Length, meta.Fork);
            meta.Session.Acquire(targets.Length - 1);
            var forked = meta.WithFork(group);
            foreach (var target in targets)
            {
                target.OnNext(value, forked);
            }
        }
    }
}

/// <summary>The node that joins the branch results of each fork group into one item.</summary>
internal sealed class JoinSpec<TIn, TOut> : NodeSpec<TIn, TOut>
{
    private readonly ParallelMode _mode;
    private readonly Func<TOut> _seed;
    private readonly Func<TOut, TIn, TOut> _reduce;

    public JoinSpec(ParallelMode mode, Func<TOut> seed, Func<TOut, TIn, TOut> reduce)
        : base("join")
    {
        _mode = mode;
        _seed = seed;
        _reduce = reduce;
    }

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors)
    {
        var node = new JoinNode(_mode, _seed, _reduce, compiler.Downstream<TOut>(this, 0), Counters, errors, Stage!);
        Flushable = node;
        return node;
    }

    private sealed class JoinNode : Inlet<TIn>, IFlushable, ISessionFlush
    {
        private readonly ParallelMode _mode;
        private readonly Func<TOut> _seed;
        private readonly Func<TOut, TIn, TOut> _reduce;
        private readonly Inlet<TOut> _next;
        private readonly NodeCounters _counters;
        private readonly NodeErrorPolicy<TIn> _errors;
        private readonly Stage _stage;
        private readonly Dictionary<ForkGroup, GroupState> _groups = [];

        // The most recent group stays out of the dictionary: when the fork and its branches are fused, each
        // group fills before the next one starts, so the dictionary is never touched.
        private ForkGroup? _lastGroup;
        private GroupState? _lastState;

        public JoinNode(
            ParallelMode mode, Func<TOut> seed, Func<TOut, TIn, TOut> reduce, Inlet<TOut> next, NodeCounters counters, NodeErrorPolicy<TIn> errors, Stage stage)
        {
            _mode = mode;
            _seed = seed;
            _reduce = reduce;
            _next = next;
            _counters = counters;
            _errors = errors;
            _stage = stage;
        }

        public override void OnNext(TIn value, in ItemMeta meta)
        {
            _counters.ItemsIn++;
            var group = meta.Fork ?? new ForkGroup(1, null);
            if (!TryFind(group, out var state))
            {
                state = new GroupState(meta.Session);
                state.Accumulator = Seed(value, meta, out var ok);
                if (!ok)
                {
                    meta.Session.Release(1);
                    return;
                }

                if (_lastGroup is not null)
                {
                    _groups[_lastGroup] = _lastState!;
                }

                _lastGroup = group;
                _lastState = state;
            }

            state.Arrived++;
            if (_mode == ParallelMode.Any)
            {
                if (!state.Emitted)
                {
                    state.Emitted = true;
                    if (TryReduce(state, value, meta))
                    {
                        Emit(state.Accumulator, meta.Session, group.Parent);
                    }
                }
            }
            else if (TryReduce(state, value, meta) && state.Arrived == group.BranchCount)
            {
                Emit(state.Accumulator, meta.Session, group.Parent);
            }

            if (state.Arrived >= group.BranchCount)
            {
                Remove(group);
            }

            meta.Session.Release(1);
        }

        public void PostFlush(FlowSession root) => _stage.PostControl(new FlushControl(this, root));

        public void Flush(FlowSession root)
        {
            if (_lastGroup is not null)
            {
                _groups[_lastGroup] = _lastState!;
                _lastGroup = null;
                _lastState = null;
            }

            List<KeyValuePair<ForkGroup, GroupState>>? open = null;
            foreach (var pair in _groups)
            {
                if (ReferenceEquals(pair.Value.Session.Root, root))
                {
                    (open ??= []).Add(pair);
                }
            }

            foreach (var (group, state) in open ?? [])
            {
                // A branch dropped its copy of the item, so the group can never fill: emit what arrived.
                _groups.Remove(group);
                if (_mode == ParallelMode.All && state.Arrived > 0)
                {
                    Emit(state.Accumulator, state.Session, group.Parent);
                }
            }
        }

        private bool TryFind(ForkGroup group, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GroupState? state)
        {
            if (ReferenceEquals(group, _lastGroup))
            {
                state = _lastState!;
                return true;
            }

            return _groups.TryGetValue(group, out state);
        }

        private void Remove(ForkGroup group)
        {
            if (ReferenceEquals(group, _lastGroup))
            {
                _lastGroup = null;
                _lastState = null;
                return;
            }

            _groups.Remove(group);
        }

        private TOut Seed(TIn value, in ItemMeta meta, out bool ok)
        {
            try
            {
                ok = true;
                return _seed();
            }
            catch (Exception exception)
            {
                _errors.TryRecover(exception, value, meta, int.MaxValue, out _);
                ok = false;
                return default!;
            }
        }

        private bool TryReduce(GroupState state, TIn value, in ItemMeta meta)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    state.Accumulator = _reduce(state.Accumulator, value);
                    return true;
                }
                catch (Exception exception)
                {
                    if (!_errors.TryRecover(exception, value, meta, attempt, out value))
                    {
                        return false;
                    }
                }
            }
        }

        private void Emit(TOut value, FlowSession session, ForkGroup? parent)
        {
            session.Acquire(1);
            _counters.ItemsOut++;
            _next.OnNext(value, new ItemMeta(session, -1, parent));
        }

        private sealed class GroupState(FlowSession session)
        {
            public FlowSession Session => session;

            public TOut Accumulator { get; set; } = default!;

            public int Arrived { get; set; }

            public bool Emitted { get; set; }
        }
    }
}
