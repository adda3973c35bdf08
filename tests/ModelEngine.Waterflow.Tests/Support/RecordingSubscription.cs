using Reactive.Streams;

namespace ModelEngine.Waterflow.Tests;

/// <summary>A subscription that records the requests and cancellations a subscriber makes, and whether two calls ever overlapped.</summary>
internal sealed class RecordingSubscription : ISubscription
{
    private long _requested;
    private int _inCall;
    private int _overlaps;
    private int _cancels;

    public long Requested => Volatile.Read(ref _requested);

    public int Cancels => Volatile.Read(ref _cancels);

    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Set by the test when it sent a terminal signal; calls after it are counted.</summary>
    public bool Terminated { get; set; }

    public int CallsAfterTerminal { get; private set; }

    /// <summary>Called inside Request, to widen the window in which an overlapping call could be seen.</summary>
    public Action? DuringRequest { get; init; }

    public void Request(long n)
    {
        Enter();
        Interlocked.Add(ref _requested, n);
        DuringRequest?.Invoke();
        Exit();
    }

    public void Cancel()
    {
        Enter();
        Interlocked.Increment(ref _cancels);
        Exit();
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _inCall, 1) == 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        if (Terminated)
        {
            CallsAfterTerminal++;
        }
    }

    private void Exit() => Volatile.Write(ref _inCall, 0);
}
