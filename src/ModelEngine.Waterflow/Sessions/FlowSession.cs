using System.Collections.Concurrent;

namespace ModelEngine.Waterflow;

/// <summary>
/// The unit that windows, reductions and completion work on. One <c>Offer(batch)</c> call is one session.
/// Single-item offers share the flow's default session until <c>Complete()</c>. A preserved session keeps
/// input order at the output.
/// </summary>
/// <remarks>
/// A session counts the items it has alive anywhere in the flow: queued on an edge, being processed, waiting
/// for credits or held by a block. An open session keeps one extra count until <see cref="Complete"/> is
/// called. When the count reaches zero, the flow flushes the partial windows of the session node by node in
/// topological order, waiting for the count to reach zero again after each node, and then reports the
/// session complete once.
/// </remarks>
public sealed class FlowSession
{
    private readonly object _gate = new();
    private readonly FlowSession _root;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConcurrentDictionary<object, FlowSession>? _children;
    private long _live = 1;
    private long _nextIndex;
    private int _completeCalled;
    private int _flushCursor = -1;
    private bool _finished;
    private FlowRuntime? _runtime;

    /// <summary>Creates a session with a new random id.</summary>
    /// <param name="preserved">Whether the flow must keep the input order of this session at its output.</param>
    public FlowSession(bool preserved = false)
        : this(Guid.NewGuid().ToString("N"), preserved)
    {
    }

    /// <summary>Creates a session with the given id.</summary>
    public FlowSession(string id, bool preserved = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        IsPreserved = preserved;
        _root = this;
    }

    private FlowSession(FlowSession parent, object key)
    {
        Id = parent.Id + "/" + key;
        IsPreserved = parent.IsPreserved;
        Parent = parent;
        Key = key;
        _root = parent._root;
    }

    public string Id { get; }

    public bool IsPreserved { get; }

    /// <summary>The session this keyed session was split from by <c>KeyBy</c>, or null for a top-level session.</summary>
    public FlowSession? Parent { get; }

    /// <summary>The key of a session created by <c>KeyBy</c>, or null.</summary>
    public object? Key { get; }

    /// <summary>Values that user code stores on the session. They are shared with the keyed sessions split from it.</summary>
    public ConcurrentDictionary<string, object?> State => _root == this ? _state ??= new() : _root.State;

    private ConcurrentDictionary<string, object?>? _state;

    /// <summary>Completes after the session was completed, every item left the flow and every window was flushed.</summary>
    public Task Completion => _root._completion.Task;

    /// <summary>Whether <see cref="Complete"/> was called: no more items will be offered in this session.</summary>
    public bool IsCompleteCalled => Volatile.Read(ref _root._completeCalled) != 0;

    internal FlowSession Root => _root;

    internal long LiveCount => Volatile.Read(ref _root._live);

    /// <summary>Marks the end of input for this session. Calling it again has no effect.</summary>
    public void Complete()
    {
        var root = _root;
        if (Interlocked.Exchange(ref root._completeCalled, 1) == 0)
        {
            root.Release(1);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Id;

    internal void Bind(FlowRuntime runtime)
    {
        var root = _root;
        lock (root._gate)
        {
            if (root._runtime is null)
            {
                root._runtime = runtime;
                runtime.OnSessionOpened(root);
                return;
            }

            if (!ReferenceEquals(root._runtime, runtime))
            {
                throw new InvalidOperationException(
                    $"Session '{root.Id}' is already used by flow '{root._runtime.Name}'. Create a new session for flow '{runtime.Name}'.");
            }
        }
    }

    internal long NextIndex() => IsPreserved ? Interlocked.Increment(ref _root._nextIndex) - 1 : -1;

    internal FlowSession GetChild(object key)
    {
        var children = _children;
        if (children is null)
        {
            Interlocked.CompareExchange(ref _children, new ConcurrentDictionary<object, FlowSession>(), null);
            children = _children;
        }

        return children.GetOrAdd(key, static (k, parent) => new FlowSession(parent, k), this);
    }

    internal void Acquire(long count) => Interlocked.Add(ref _root._live, count);

    internal void Release(long count)
    {
        if (Interlocked.Add(ref _root._live, -count) == 0)
        {
            _root.OnQuiescent();
        }
    }

    internal void Cancel()
    {
        lock (_gate)
        {
            _finished = true;
        }

        _completion.TrySetCanceled();
    }

    /// <summary>Runs each time the live count of this root session drops to zero.</summary>
    private void OnQuiescent()
    {
        IFlushable? next = null;
        FlowRuntime? runtime;
        lock (_gate)
        {
            runtime = _runtime;
            if (_finished || Volatile.Read(ref _live) != 0)
            {
                return;
            }

            var flushables = runtime?.Flushables ?? [];
            _flushCursor++;
            if (_flushCursor < flushables.Count)
            {
                // The pending flush keeps one count, so no other thread can see zero until it is done.
                next = flushables[_flushCursor];
                Interlocked.Increment(ref _live);
            }
            else
            {
                _finished = true;
            }
        }

        if (next is not null)
        {
            next.PostFlush(this);
            return;
        }

        _completion.TrySetResult();
        runtime?.OnSessionFinished(this);
    }
}
