namespace ModelEngine.Waterflow;

/// <summary>
/// A stage for a node whose function returns an asynchronous sequence. Each output is written to the next edge
/// as soon as the sequence produces it. When that edge has no credits, the stage does not ask the sequence for
/// its next item until credits return.
/// </summary>
/// <remarks>
/// Up to <c>concurrency</c> inputs stream at once. In a preserved session, an input's outputs are written only
/// after every earlier input of the stage finished streaming. Until then a later input buffers at most as many
/// outputs as the node's input credit window, and then it waits for its turn before it pulls more.
/// </remarks>
internal sealed class StreamStage<TIn, TOut> : Stage
{
    private readonly CreditEdge<TIn> _input;
    private readonly Func<TIn, CancellationToken, IAsyncEnumerable<TOut>> _stream;
    private readonly int _concurrency;
    private readonly int _bufferLimit;
    private readonly NodeErrorPolicy<TIn> _errors;
    private readonly NodeCounters _counters;
    private readonly object _gate = new();
    private readonly Queue<IStageControl> _controls = new();
    private readonly Dictionary<long, StreamOperation> _preserved = [];
    private readonly List<TaskCompletionSource> _creditWaiters = [];
    private Envelope<TIn>[] _batch;
    private int _batchCount;
    private int _position;
    private int _active;
    private int _completed;
    private int _buffered;
    private long _nextSequence;
    private long _nextEmitSequence;
    private volatile bool _blocked;

    public StreamStage(
        FlowRuntime runtime,
        string name,
        CreditEdge<TIn> input,
        Func<TIn, CancellationToken, IAsyncEnumerable<TOut>> stream,
        int concurrency,
        NodeErrorPolicy<TIn> errors,
        NodeCounters counters)
        : base(runtime, name)
    {
        _input = input;
        _stream = stream;
        _concurrency = concurrency;
        _bufferLimit = Math.Max(1, input.Window);
        _errors = errors;
        _counters = counters;
        _batch = new Envelope<TIn>[input.BufferCapacity];
        input.Consumer = this;
    }

    public Inlet<TOut>? Output { get; set; }

    public IStageOutlet? Outlet { get; private set; }

    public override void AddOutlet(IStageOutlet outlet) => Outlet = outlet;

    public override int BufferedItems
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _batchCount - _position) + (Outlet?.Pending ?? 0) + _buffered;
            }
        }
    }

    public override void MarkBlocked() => _blocked = true;

    public override void PostControl(IStageControl control) => _input.PostControl(control);

    public override void Discard()
    {
        List<TaskCompletionSource> waiters;
        lock (_gate)
        {
            Array.Clear(_batch);
            _batchCount = 0;
            _position = 0;
            Outlet?.Discard();
            foreach (var operation in _preserved.Values)
            {
                operation.Buffer.Clear();
            }

            _buffered = 0;
            waiters = [.. _creditWaiters];
            _creditWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetCanceled(Runtime.CancellationToken);
        }
    }

    protected override bool RunOnce()
    {
        if (Runtime.IsCancelled)
        {
            Discard();
            return false;
        }

        int completed;
        List<TaskCompletionSource>? released = null;
        lock (_gate)
        {
            _blocked = false;
            if (Outlet is not null && !Outlet.Flush())
            {
                return false;
            }

            completed = _completed;
            _completed = 0;
            if (_creditWaiters.Count > 0)
            {
                released = [.. _creditWaiters];
                _creditWaiters.Clear();
            }
        }

        // Producers that waited for credit pull their next item now.
        if (released is not null)
        {
            foreach (var waiter in released)
            {
                waiter.TrySetResult();
            }
        }

        _input.Grant(completed);
        while (!_blocked && Volatile.Read(ref _active) < _concurrency)
        {
            StreamOperation operation;
            lock (_gate)
            {
                if (!HasInputLocked())
                {
                    break;
                }

                var item = _batch[_position];
                _batch[_position++] = default;
                var sequence = item.Meta.Session.IsPreserved ? _nextSequence++ : -1;
                operation = new StreamOperation(item.Value, item.Meta, sequence, attempt: 0);
                if (sequence >= 0)
                {
                    _preserved[sequence] = operation;
                }
            }

            Interlocked.Increment(ref _active);
            _counters.AddIn(1);
            _ = RunAsync(operation);
        }

        RunControls();
        return false;
    }

    private bool HasInputLocked()
    {
        if (_position < _batchCount)
        {
            return true;
        }

        Array.Clear(_batch, 0, _batchCount);
        _position = 0;
        _batchCount = _input.Take(ref _batch, _controls);
        return _batchCount > 0;
    }

    private void RunControls()
    {
        // This stage contains no flushable node, but a control signal must still run.
        while (true)
        {
            IStageControl? control;
            lock (_gate)
            {
                if (!_controls.TryDequeue(out control))
                {
                    return;
                }
            }

            control.Run();
        }
    }

    private async Task RunAsync(StreamOperation operation)
    {
        var cancellationToken = Runtime.CancellationToken;
        Exception? failure = null;
        try
        {
            await foreach (var output in _stream(operation.Value, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await EmitAsync(operation, output, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        if (failure is not null)
        {
            // Outputs written before the failure stay downstream, but buffered outputs are dropped with the failed run.
            lock (_gate)
            {
                _buffered -= operation.Buffer.Count;
                operation.Buffer.Clear();
            }

            if (_errors.TryRecover(failure, operation.Value, operation.Meta, operation.Attempt, out var retryValue))
            {
                var retry = new StreamOperation(retryValue, operation.Meta, operation.Sequence, operation.Attempt + 1);
                lock (_gate)
                {
                    if (retry.Sequence >= 0)
                    {
                        _preserved[retry.Sequence] = retry;
                    }
                }

                _ = RunAsync(retry);
                return;
            }
        }

        try
        {
            await WaitTurnAsync(operation, cancellationToken).ConfigureAwait(false);
            await DrainAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Runtime.IsCancelled)
        {
            // The flow was cancelled, so its sessions are cancelled and Discard dropped the buffered outputs.
        }

        Finish(operation);
    }

    /// <summary>Writes one output now if this input has its turn, and otherwise buffers it.</summary>
    private async ValueTask EmitAsync(StreamOperation operation, TOut output, CancellationToken cancellationToken)
    {
        Task? turn = null;
        lock (_gate)
        {
            if (!IsTurnLocked(operation))
            {
                operation.Buffer.Add(output);
                _buffered++;
                if (operation.Buffer.Count < _bufferLimit)
                {
                    return;
                }

                turn = operation.WaitTurnLocked();
            }
        }

        if (turn is not null)
        {
            await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            await DrainAsync(operation, cancellationToken).ConfigureAwait(false);
            return;
        }

        await DrainAsync(operation, cancellationToken).ConfigureAwait(false);
        await WriteAsync(output, operation.Meta, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WaitTurnAsync(StreamOperation operation, CancellationToken cancellationToken)
    {
        Task turn;
        lock (_gate)
        {
            if (IsTurnLocked(operation))
            {
                return;
            }

            turn = operation.WaitTurnLocked();
        }

        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DrainAsync(StreamOperation operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            TOut output;
            lock (_gate)
            {
                if (operation.Buffer.Count == 0)
                {
                    return;
                }

                output = operation.Buffer[0];
                operation.Buffer.RemoveAt(0);
                _buffered--;
            }

            await WriteAsync(output, operation.Meta, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hands one output to the next edge and returns once the edge accepted it.</summary>
    private async ValueTask WriteAsync(TOut output, ItemMeta meta, CancellationToken cancellationToken)
    {
        Task credit;
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Count the output as live before anyone downstream can release it.
            meta.Session.Acquire(1);
            Output!.OnNext(output, meta);
            _counters.AddOut(1);
            if (Outlet is null || Outlet.Flush())
            {
                return;
            }

            // The edge writer keeps this output and registered the stage for credits. RunOnce completes the waiter.
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _creditWaiters.Add(waiter);
            credit = waiter.Task;
        }

        await credit.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Finish(StreamOperation operation)
    {
        var session = operation.Meta.Session;
        TaskCompletionSource? nextTurn = null;
        var granted = 0;
        lock (_gate)
        {
            if (operation.Sequence >= 0)
            {
                _preserved.Remove(operation.Sequence);
                _nextEmitSequence = operation.Sequence + 1;
                if (_preserved.TryGetValue(_nextEmitSequence, out var next))
                {
                    nextTurn = next.Turn;
                }
            }

            _completed++;
            if (Outlet is null || Outlet.Flush())
            {
                granted = _completed;
                _completed = 0;
            }
        }

        nextTurn?.TrySetResult();
        _input.Grant(granted);
        Interlocked.Decrement(ref _active);

        // A sequence stopped by flow.Cancel() must not complete its session normally: Cancel cancels it instead.
        if (!Runtime.IsCancelled)
        {
            session.Release(1);
        }

        Schedule();
    }

    private bool IsTurnLocked(StreamOperation operation) =>
        operation.Sequence < 0 || operation.Sequence == _nextEmitSequence;

    /// <summary>One input item while its sequence is streaming, with the outputs it buffered before its turn.</summary>
    private sealed class StreamOperation
    {
        public StreamOperation(TIn value, in ItemMeta meta, long sequence, int attempt)
        {
            Value = value;
            Meta = meta;
            Sequence = sequence;
            Attempt = attempt;
        }

        public TIn Value { get; }

        public ItemMeta Meta { get; }

        /// <summary>The input's position among preserved inputs of this stage, or -1 outside preserved sessions.</summary>
        public long Sequence { get; }

        public int Attempt { get; }

        public List<TOut> Buffer { get; } = [];

        /// <summary>Completed when the inputs before this one finished, or null until an operation waits for its turn.</summary>
        public TaskCompletionSource? Turn { get; private set; }

        public Task WaitTurnLocked()
        {
            Turn ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Turn.Task;
        }
    }
}
