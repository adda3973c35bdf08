namespace ModelEngine.Waterflow;

/// <summary>
/// An m→1 node that folds the items of each session (or keyed session) into an accumulator. It emits when its
/// window condition holds, and emits a partial window when the session completes.
/// </summary>
internal sealed class ReduceSpec<TIn, TOut> : NodeSpec<TIn, TOut>, IDescribedNode
{
    private readonly Func<TOut>? _seed;
    private readonly Func<TOut, TIn, TOut> _reduce;
    private readonly WindowSpec<TIn>? _window;

    public ReduceSpec(string kind, Func<TOut>? seed, Func<TOut, TIn, TOut> reduce, WindowSpec<TIn>? window)
        : base(kind)
    {
        _seed = seed;
        _reduce = reduce;
        _window = window;
    }

    public string? Description => _window?.Describe();

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors)
    {
        var node = new ReduceNode<TIn, TOut>(
            _seed, _reduce, _window, compiler.Downstream<TOut>(this, 0), Counters, errors, Stage!, compiler.Runtime.TimeProvider);
        Flushable = node;
        return node;
    }
}

/// <summary>The fused reduce node. Its window state is touched only by its stage's thread.</summary>
internal sealed class ReduceNode<TIn, TOut> : Inlet<TIn>, IFlushable, ISessionFlush
{
    private readonly Func<TOut>? _seed;
    private readonly Func<TOut, TIn, TOut> _reduce;
    private readonly WindowSpec<TIn>? _window;
    private readonly Inlet<TOut> _next;
    private readonly NodeCounters _counters;
    private readonly NodeErrorPolicy<TIn> _errors;
    private readonly Stage _stage;
    private readonly TimeProvider _time;
    private readonly Dictionary<FlowSession, WindowState> _windows = [];

    // The window the previous item went to, which saves a dictionary lookup while items of one session follow each other.
    private WindowState? _lastWindow;
    private long _generation;

    public ReduceNode(
        Func<TOut>? seed,
        Func<TOut, TIn, TOut> reduce,
        WindowSpec<TIn>? window,
        Inlet<TOut> next,
        NodeCounters counters,
        NodeErrorPolicy<TIn> errors,
        Stage stage,
        TimeProvider time)
    {
        _seed = seed;
        _reduce = reduce;
        _window = window;
        _next = next;
        _counters = counters;
        _errors = errors;
        _stage = stage;
        _time = time;
    }

    public override void OnNext(TIn value, in ItemMeta meta)
    {
        _counters.ItemsIn++;
        var session = meta.Session;
        var window = _lastWindow;
        if (window is null || !ReferenceEquals(window.Session, session))
        {
            if (!_windows.TryGetValue(session, out window))
            {
                window = OpenWindow(session, meta.Fork);
            }

            _lastWindow = window;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                window.Accumulator = window.Count == 0 && _seed is null ? (TOut)(object)value! : _reduce(window.Accumulator, value);
                break;
            }
            catch (Exception exception)
            {
                if (!_errors.TryRecover(exception, value, meta, attempt, out value))
                {
                    CloseIfEmpty(window);
                    session.Release(1);
                    return;
                }
            }
        }

        window.Count++;
        if (_window is not null && IsFulfilled(window, value))
        {
            Emit(window);
        }

        // The item is absorbed into the accumulator, so it no longer counts as live.
        session.Release(1);
    }

    public void PostFlush(FlowSession root) => _stage.PostControl(new FlushControl(this, root));

    public void Flush(FlowSession root)
    {
        // NOTE: a session is flushed here once. In a loop that leads back before this node, items that return
        // after the flush open a window that is never flushed.
        List<WindowState>? matching = null;
        foreach (var (session, window) in _windows)
        {
            if (ReferenceEquals(session.Root, root))
            {
                (matching ??= []).Add(window);
            }
        }

        if (matching is null)
        {
            return;
        }

        foreach (var window in matching)
        {
            if (window.Count > 0)
            {
                Emit(window);
            }
            else
            {
                CloseIfEmpty(window);
            }
        }
    }

    private WindowState OpenWindow(FlowSession session, ForkGroup? fork)
    {
        var window = new WindowState(session, fork, ++_generation, _time.GetTimestamp())
        {
            Accumulator = _seed is null ? default! : _seed(),
        };
        _windows[session] = window;
        if (_window?.Duration is { } duration)
        {
            window.Timer = _time.CreateTimer(OnTimerFired, new TimerState(this, window), duration, Timeout.InfiniteTimeSpan);
        }

        return window;
    }

    private bool IsFulfilled(WindowState window, TIn value)
    {
        try
        {
            return _window!.IsFulfilled(value, window.Count, _time, window.StartedAt);
        }
        catch (Exception exception)
        {
            // A failing window condition keeps the window open; it is still flushed when the session completes.
            _errors.TryRecover(exception, value, new ItemMeta(window.Session, -1, window.Fork), int.MaxValue, out _);
            return false;
        }
    }

    private void Emit(WindowState window)
    {
        Forget(window);
        window.Timer?.Dispose();
        var session = window.Session;
        session.Acquire(1);
        _counters.ItemsOut++;
        _next.OnNext(window.Accumulator, new ItemMeta(session, session.NextIndex(), window.Fork));
    }

    private void CloseIfEmpty(WindowState window)
    {
        if (window.Count == 0)
        {
            Forget(window);
            window.Timer?.Dispose();
        }
    }

    private void Forget(WindowState window)
    {
        _windows.Remove(window.Session);
        if (ReferenceEquals(_lastWindow, window))
        {
            _lastWindow = null;
        }
    }

    private static void OnTimerFired(object? state)
    {
        var timer = (TimerState)state!;
        timer.Node._stage.PostControl(timer);
    }

    /// <summary>A time window that expired; it runs on the stage thread and emits only if the window is still open.</summary>
    private sealed class TimerState(ReduceNode<TIn, TOut> node, WindowState window) : IStageControl
    {
        public ReduceNode<TIn, TOut> Node => node;

        public void Run()
        {
            if (node._windows.TryGetValue(window.Session, out var current)
                && ReferenceEquals(current, window)
                && current.Count > 0)
            {
                node.Emit(current);
            }
        }
    }

    private sealed class WindowState(FlowSession session, ForkGroup? fork, long generation, long startedAt)
    {
        public FlowSession Session => session;

        public ForkGroup? Fork => fork;

        public long Generation => generation;

        public long StartedAt => startedAt;

        public TOut Accumulator { get; set; } = default!;

        public int Count { get; set; }

        public ITimer? Timer { get; set; }
    }
}
