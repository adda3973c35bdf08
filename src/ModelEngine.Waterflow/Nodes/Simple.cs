namespace ModelEngine.Waterflow;

/// <summary>A node that passes items on unchanged: the flow's start and the merge point after branches.</summary>
internal sealed class IdentitySpec<T> : NodeSpec<T, T>
{
    public IdentitySpec(string kind)
        : base(kind)
    {
    }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors) =>
        new IdentityNode(compiler.Downstream<T>(this, 0), Counters);

    private sealed class IdentityNode(Inlet<T> next, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            counters.ItemsOut++;
            next.OnNext(value, meta);
        }
    }
}

/// <summary>A node that moves each item into a keyed child session, so a later reduce groups per key.</summary>
internal sealed class KeyBySpec<T, TKey> : NodeSpec<T, Keyed<TKey, T>>
{
    private static readonly object s_nullKey = new();
    private readonly Func<T, TKey> _keySelector;

    public KeyBySpec(Func<T, TKey> keySelector)
        : base("keyBy")
    {
        _keySelector = keySelector;
    }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors) =>
        new KeyByNode(_keySelector, compiler.Downstream<Keyed<TKey, T>>(this, 0), Counters, errors);

    private sealed class KeyByNode(Func<T, TKey> keySelector, Inlet<Keyed<TKey, T>> next, NodeCounters counters, NodeErrorPolicy<T> errors)
        : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            for (var attempt = 0; ; attempt++)
            {
                TKey key;
                try
                {
                    key = keySelector(value);
                }
                catch (Exception exception)
                {
                    if (errors.TryRecover(exception, value, meta, attempt, out value))
                    {
                        continue;
                    }

                    meta.Session.Release(1);
                    return;
                }

                counters.ItemsOut++;
                var child = meta.Session.GetChild((object?)key ?? s_nullKey);
                next.OnNext(new Keyed<TKey, T>(key, value), meta.WithSession(child));
                return;
            }
        }
    }
}

/// <summary>A node that moves items into the flow's default session, merging bounded sessions.</summary>
internal sealed class UnifySpec<T> : NodeSpec<T, T>
{
    public UnifySpec()
        : base("unify")
    {
    }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors) =>
        new UnifyNode(compiler.Runtime, compiler.Downstream<T>(this, 0), Counters);

    private sealed class UnifyNode(FlowRuntime runtime, Inlet<T> next, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            counters.ItemsOut++;
            var target = runtime.DefaultSession;
            if (ReferenceEquals(target, meta.Session.Root))
            {
                next.OnNext(value, meta);
                return;
            }

            // Count the item in the default session before it leaves its own, so neither count drops to zero early.
            target.Acquire(1);
            meta.Session.Release(1);
            next.OnNext(value, new ItemMeta(target, target.NextIndex(), meta.Fork));
        }
    }
}

/// <summary>The end of a flow that calls the result callback for each item.</summary>
internal sealed class CallbackSinkSpec<T> : NodeSpec<T, T>
{
    private readonly Action<T, FlowSession>? _onResult;

    public CallbackSinkSpec(Action<T, FlowSession>? onResult)
        : base("end")
    {
        _onResult = onResult;
    }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors) =>
        new CallbackSink(_onResult, compiler.Runtime, Name, Counters);

    private sealed class CallbackSink(Action<T, FlowSession>? onResult, FlowRuntime runtime, string name, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            try
            {
                onResult?.Invoke(value, meta.Session);
            }
            catch (Exception exception)
            {
                runtime.ReportError(exception, meta.Session, name);
            }

            counters.ItemsOut++;
            meta.Session.Release(1);
        }
    }
}

/// <summary>An inlet for an output that leads nowhere, such as <c>Others()</c> without a branch: it drops items.</summary>
internal sealed class DropInlet<T> : Inlet<T>
{
    public static readonly DropInlet<T> Instance = new();

    public override void OnNext(T value, in ItemMeta meta) => meta.Session.Release(1);
}
