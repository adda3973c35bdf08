using System.Diagnostics;

namespace ModelEngine.Waterflow;

/// <summary>
/// A group of nodes that runs on one logical thread at a time. A stage is scheduled on the thread pool when
/// its input edge receives items or control signals, or when an edge it writes to grants credits again.
/// </summary>
internal abstract class Stage : IThreadPoolWorkItem, ICreditWaiter, IEdgeConsumer
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunAgain = 2;

    private int _state;
    private long _busyTicks;

    protected Stage(FlowRuntime runtime, string name)
    {
        Runtime = runtime;
        Name = name;
    }

    public string Name { get; }

    protected FlowRuntime Runtime { get; }

    /// <summary>Time spent running this stage, in seconds.</summary>
    public double BusySeconds => Volatile.Read(ref _busyTicks) / (double)Stopwatch.Frequency;

    /// <summary>Items buffered by this stage outside its input edge (taken batch and outboxes).</summary>
    public abstract int BufferedItems { get; }

    public void Schedule()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == RunAgain)
            {
                return;
            }

            var next = state == Idle ? Running : RunAgain;
            if (Interlocked.CompareExchange(ref _state, next, state) != state)
            {
                continue;
            }

            if (state == Idle)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }

            return;
        }
    }

    public void OnCredit() => Schedule();

    /// <summary>Called by an outlet when the next edge ran out of credits, so the stage stops after the current item.</summary>
    public abstract void MarkBlocked();

    /// <summary>Registers an outlet this stage writes to, so the stage flushes it and waits on its credits.</summary>
    public abstract void AddOutlet(IStageOutlet outlet);

    /// <summary>Queues a control signal that runs on this stage's thread after the items queued before it.</summary>
    public abstract void PostControl(IStageControl control);

    /// <summary>Drops every buffered item after the flow was cancelled.</summary>
    public abstract void Discard();

    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            Volatile.Write(ref _state, Running);
            var started = Stopwatch.GetTimestamp();
            bool moreWork;
            try
            {
                moreWork = RunOnce();
            }
            catch (Exception exception)
            {
                // Node code catches user exceptions itself, so an exception here is a Waterflow bug.
                Runtime.Fail(exception);
                moreWork = false;
            }

            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
            if (moreWork)
            {
                // Give other stages a turn on the thread pool; the state stays Running until we run again.
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
            {
                return;
            }
        }
    }

    /// <summary>Runs a bounded amount of work. Returns true when work remains and the stage should be queued again.</summary>
    protected abstract bool RunOnce();
}
