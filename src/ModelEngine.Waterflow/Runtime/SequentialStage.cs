namespace ModelEngine.Waterflow;

/// <summary>
/// A stage of fused synchronous nodes with concurrency 1. It takes whole batches from its input edge and
/// pushes each item through the fused chain by direct calls, with no hand-off between the nodes. Input credits
/// are granted only after the outputs of a batch were written to the next edges, so an item counts against
/// some credit window from the moment it enters the flow until it leaves.
/// </summary>
internal sealed class SequentialStage<T> : Stage
{
    private const int BatchesPerTurn = 16;

    private readonly CreditEdge<T> _input;
    private readonly List<IStageOutlet> _outlets = [];
    private readonly Queue<IStageControl> _controls = new();
    private Envelope<T>[] _batch;
    private int _batchCount;
    private int _position;
    private int _finished;
    private bool _blocked;

    public SequentialStage(FlowRuntime runtime, string name, CreditEdge<T> input)
        : base(runtime, name)
    {
        _input = input;
        _batch = new Envelope<T>[input.BufferCapacity];
        input.Consumer = this;
    }

    public Inlet<T>? Head { get; set; }

    public override int BufferedItems
    {
        get
        {
            var pending = Math.Max(0, Volatile.Read(ref _batchCount) - Volatile.Read(ref _position));
            foreach (var outlet in _outlets)
            {
                pending += outlet.Pending;
            }

            return pending;
        }
    }

    public override void AddOutlet(IStageOutlet outlet) => _outlets.Add(outlet);

    public override void MarkBlocked() => _blocked = true;

    public override void PostControl(IStageControl control) => _input.PostControl(control);

    public override void Discard()
    {
        // Runs on the stage's own turn (RunOnce checks cancellation first), so the batch is not in use.
        Array.Clear(_batch);
        _batchCount = 0;
        _position = 0;
        _finished = 0;
        _controls.Clear();
        foreach (var outlet in _outlets)
        {
            outlet.Discard();
        }
    }

    protected override bool RunOnce()
    {
        if (Runtime.IsCancelled)
        {
            Discard();
            return false;
        }

        var head = Head!;
        for (var turn = 0; turn < BatchesPerTurn; turn++)
        {
            if (!FlushOutlets())
            {
                return false;
            }

            if (_position >= _batchCount)
            {
                if (_batchCount > 0)
                {
                    Array.Clear(_batch, 0, _batchCount);
                    _batchCount = 0;
                    _position = 0;
                }

                if (_finished > 0)
                {
                    _input.Grant(_finished);
                    _finished = 0;
                }

                RunControls();
                if (!FlushOutlets())
                {
                    return false;
                }

                _batchCount = _input.Take(ref _batch, _controls);
                if (_batchCount == 0)
                {
                    if (_controls.Count == 0)
                    {
                        return false;
                    }

                    continue;
                }
            }

            var batch = _batch;
            while (_position < _batchCount)
            {
                ref var item = ref batch[_position++];
                head.OnNext(item.Value, item.Meta);
                _finished++;
                if (_blocked)
                {
                    break;
                }
            }

            if (Runtime.IsCancelled)
            {
                Discard();
                return false;
            }
        }

        return true;
    }

    private void RunControls()
    {
        while (_controls.TryDequeue(out var control))
        {
            control.Run();
        }
    }

    private bool FlushOutlets()
    {
        _blocked = false;
        foreach (var outlet in _outlets)
        {
            if (!outlet.Flush())
            {
                return false;
            }
        }

        _blocked = false;
        return true;
    }
}
