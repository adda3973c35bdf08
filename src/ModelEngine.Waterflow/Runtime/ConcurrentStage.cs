namespace ModelEngine.Waterflow;

/// <summary>
/// A stage for one node that runs up to <c>concurrency</c> items at once, or awaits asynchronous work. Outputs
/// of items from preserved sessions are written in input order, and other outputs as they complete.
/// </summary>
/// <remarks>
/// Synchronous work runs on up to <c>concurrency</c> lanes: thread-pool work items that each take the next
/// item and run it until the input is empty or the next edge has no credits. Asynchronous work is started by
/// the dispatcher, one operation per item. Each completion writes its outputs and grants its input credit at
/// once, unless the next edge is out of credits.
/// </remarks>
internal sealed class ConcurrentStage<TIn, TOut> : Stage
{
    private readonly CreditEdge<TIn> _input;
    private readonly IConcurrentWork<TIn, TOut> _work;
    private readonly int _concurrency;
    private readonly NodeErrorPolicy<TIn> _errors;
    private readonly NodeCounters _counters;
    private readonly object _outputGate = new();
    private readonly object _inputGate = new();
    private readonly SortedDictionary<long, PendingOutput> _reorder = [];
    private readonly Queue<IStageControl> _controls = new();
    private Envelope<TIn>[] _batch;
    private int _batchCount;
    private int _position;
    private int _active;
    private int _lanes;
    private int _completed;
    private long _nextSequence;
    private long _nextEmitSequence;
    private volatile bool _blocked;

    public ConcurrentStage(
        FlowRuntime runtime,
        string name,
        CreditEdge<TIn> input,
        IConcurrentWork<TIn, TOut> work,
        int concurrency,
        NodeErrorPolicy<TIn> errors,
        NodeCounters counters)
        : base(runtime, name)
    {
        _input = input;
        _work = work;
        _concurrency = concurrency;
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
            lock (_outputGate)
            {
                return Math.Max(0, _batchCount - _position) + (Outlet?.Pending ?? 0) + _reorder.Count;
            }
        }
    }

    public override void MarkBlocked() => _blocked = true;

    public override void PostControl(IStageControl control) => _input.PostControl(control);

    public override void Discard()
    {
        lock (_inputGate)
        {
            Array.Clear(_batch);
            _batchCount = 0;
            _position = 0;
        }

        lock (_outputGate)
        {
            _reorder.Clear();
            Outlet?.Discard();
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
        lock (_outputGate)
        {
            _blocked = false;
            if (Outlet is not null && !Outlet.Flush())
            {
                return false;
            }

            completed = _completed;
            _completed = 0;
        }

        _input.Grant(completed);
        if (!_work.IsAsync)
        {
            StartLanes();
            return false;
        }

        while (!_blocked && Volatile.Read(ref _active) < _concurrency)
        {
            Envelope<TIn> item;
            long sequence;
            lock (_inputGate)
            {
                if (!TryTakeLocked(out item, out sequence))
                {
                    break;
                }
            }

            Interlocked.Increment(ref _active);
            _counters.AddIn(1);
            _ = new Operation(this, item.Value, item.Meta, sequence, attempt: 0).RunAsync();
        }

        RunControls();
        return false;
    }

    private void StartLanes()
    {
        lock (_inputGate)
        {
            while (!_blocked && _lanes < _concurrency && HasInputLocked())
            {
                _lanes++;
                ThreadPool.UnsafeQueueUserWorkItem(static stage => stage.RunLane(), this, preferLocal: false);
            }
        }

        RunControls();
    }

    /// <summary>Runs items one after another on this lane until the input is empty, the flow stops or credits run out.</summary>
    private void RunLane()
    {
        while (true)
        {
            Envelope<TIn> item;
            long sequence;
            lock (_inputGate)
            {
                if (_blocked || Runtime.IsCancelled || !TryTakeLocked(out item, out sequence))
                {
                    _lanes--;
                    return;
                }
            }

            Interlocked.Increment(ref _active);
            _counters.AddIn(1);
            var operation = new Operation(this, item.Value, item.Meta, sequence, attempt: 0);
            Exception? failure = null;
            try
            {
                var pending = _work.RunAsync(operation.Value, operation.Meta.Session, operation.Outputs, Runtime.CancellationToken);
                pending.GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            Complete(operation, failure);
        }
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

    private bool TryTakeLocked(out Envelope<TIn> item, out long sequence)
    {
        if (!HasInputLocked())
        {
            item = default;
            sequence = -1;
            return false;
        }

        item = _batch[_position];
        _batch[_position++] = default;
        sequence = item.Meta.Session.IsPreserved ? _nextSequence++ : -1;
        return true;
    }

    private void RunControls()
    {
        // A concurrent stage contains no flushable node, but a control signal must still not be lost.
        while (true)
        {
            IStageControl? control;
            lock (_inputGate)
            {
                if (!_controls.TryDequeue(out control))
                {
                    return;
                }
            }

            control.Run();
        }
    }

    private void Start(Operation operation)
    {
        if (_work.IsAsync)
        {
            _ = operation.RunAsync();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static op => _ = op.RunAsync(), operation, preferLocal: false);
        }
    }

    private void Complete(Operation operation, Exception? exception)
    {
        var session = operation.Meta.Session;
        if (exception is not null)
        {
            if (_errors.TryRecover(exception, operation.Value, operation.Meta, operation.Attempt, out var retryValue))
            {
                Start(new Operation(this, retryValue, operation.Meta, operation.Sequence, operation.Attempt + 1));
                return;
            }

            operation.Outputs.Clear();
        }

        // Count the outputs as live before anyone downstream can release them.
        session.Acquire(operation.Outputs.Count);
        var granted = 0;
        lock (_outputGate)
        {
            if (operation.Sequence < 0)
            {
                Emit(operation.Outputs, operation.Meta);
            }
            else
            {
                _reorder[operation.Sequence] = new PendingOutput(operation.Outputs, operation.Meta);
                while (_reorder.Remove(_nextEmitSequence, out var pending))
                {
                    Emit(pending.Outputs, pending.Meta);
                    _nextEmitSequence++;
                }
            }

            _completed++;
            if (Outlet is null || Outlet.Flush())
            {
                granted = _completed;
                _completed = 0;
            }
        }

        _input.Grant(granted);
        Interlocked.Decrement(ref _active);
        session.Release(1);
        if (_work.IsAsync)
        {
            // The dispatcher starts the next asynchronous operation; lanes take their next item themselves.
            Schedule();
        }
    }

    private void Emit(List<TOut> outputs, in ItemMeta meta)
    {
        var output = Output!;
        foreach (var value in outputs)
        {
            output.OnNext(value, meta);
        }

        _counters.AddOut(outputs.Count);
    }

    private readonly record struct PendingOutput(List<TOut> Outputs, ItemMeta Meta);

    private sealed class Operation
    {
        private readonly ConcurrentStage<TIn, TOut> _stage;

        public Operation(ConcurrentStage<TIn, TOut> stage, TIn value, in ItemMeta meta, long sequence, int attempt)
        {
            _stage = stage;
            Value = value;
            Meta = meta;
            Sequence = sequence;
            Attempt = attempt;
        }

        public TIn Value { get; }

        public ItemMeta Meta { get; }

        public long Sequence { get; }

        public int Attempt { get; }

        public List<TOut> Outputs { get; } = [];

        public async Task RunAsync()
        {
            Exception? failure = null;
            try
            {
                await _stage._work.RunAsync(Value, Meta.Session, Outputs, _stage.Runtime.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            _stage.Complete(this, failure);
        }
    }
}
