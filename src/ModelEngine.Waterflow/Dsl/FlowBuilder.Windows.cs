namespace ModelEngine.Waterflow;

public sealed partial class FlowBuilder<TIn, T>
{
    /// <summary>Makes the next reduce emit every <paramref name="count"/> items of a session.</summary>
    public FlowBuilder<TIn, T> Window(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return WithWindow(new WindowSpec<T> { Count = count });
    }

    /// <summary>Makes the next reduce emit <paramref name="duration"/> after the first item of each window, by the flow's time provider.</summary>
    public FlowBuilder<TIn, T> Window(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return WithWindow(new WindowSpec<T> { Duration = duration });
    }

    /// <summary>Makes the next reduce emit as soon as <paramref name="condition"/> returns true after an item was added.</summary>
    public FlowBuilder<TIn, T> Window(Func<WindowInfo<T>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WithWindow(new WindowSpec<T> { Condition = condition });
    }

    /// <summary>
    /// Folds the items of each session, starting from <paramref name="seed"/>. It emits when the preceding
    /// window condition holds, and emits a partial window when the session completes.
    /// </summary>
    public FlowBuilder<TIn, TResult> Reduce<TResult>(Func<TResult> seed, Func<TResult, T, TResult> reduce)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(reduce);
        return AppendWindowed(new ReduceSpec<T, TResult>("reduce", seed, reduce, _window));
    }

    /// <summary>Folds the items of each session, starting from the first item of each window.</summary>
    public FlowBuilder<TIn, T> Reduce(Func<T, T, T> reduce)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return AppendWindowed(new ReduceSpec<T, T>("reduce", null, reduce, _window));
    }

    /// <summary>Collects the items of each window (or of each session, without a window) into a list.</summary>
    public FlowBuilder<TIn, IReadOnlyList<T>> Buffer() =>
        AppendWindowed(new ReduceSpec<T, IReadOnlyList<T>>("buffer", static () => new List<T>(), static (list, item) =>
        {
            ((List<T>)list).Add(item);
            return list;
        }, _window));

    /// <summary>Collects every <paramref name="count"/> items of a session into a list; a completing session flushes a shorter list.</summary>
    public FlowBuilder<TIn, IReadOnlyList<T>> Buffer(int count) => Window(count).Buffer();

    /// <summary>Buffers the items of each window or session and turns the list into any number of outputs (m→n).</summary>
    public FlowBuilder<TIn, TResult> Produce<TResult>(Func<IReadOnlyList<T>, IEnumerable<TResult>> produce)
    {
        ArgumentNullException.ThrowIfNull(produce);
        return Buffer().FlatMap(produce);
    }

    private FlowBuilder<TIn, T> WithWindow(WindowSpec<T> window)
    {
        _graph.EnsureOpen();
        if (_window is not null)
        {
            throw new InvalidOperationException("A window is already set; follow it with Reduce, Buffer or Produce.");
        }

        return new FlowBuilder<TIn, T>(_graph, _tail, _slot, window);
    }

    private FlowBuilder<TIn, TResult> AppendWindowed<TResult>(NodeSpec<T, TResult> spec)
    {
        _graph.Add(spec);
        FlowGraph.Connect(_tail, _slot, spec);
        return new FlowBuilder<TIn, TResult>(_graph, spec, 0);
    }
}
