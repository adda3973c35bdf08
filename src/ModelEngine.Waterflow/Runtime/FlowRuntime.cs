using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Waterflow;

/// <summary>
/// The running state of one flow that does not depend on its item types: stages, edges, sessions, callbacks,
/// completion and cancellation.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The cancellation source has no timer and lives as long as the flow, so it needs no disposal.")]
internal sealed class FlowRuntime
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action> _onCancel = [];
    private readonly HashSet<FlowSession> _sessions = [];
    private FlowSession _defaultSession;
    private int _openSessions;
    private bool _inputClosed;
    private volatile bool _cancelled;

    public FlowRuntime(FlowOptions options, Action<FlowSession>? onSessionComplete, Action<Exception, FlowSession>? onError)
    {
        Options = options;
        Name = options.Name ?? $"flow-{Interlocked.Increment(ref s_flowCount)}";
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        OnSessionCompleteCallback = onSessionComplete;
        OnErrorCallback = onError;
        _defaultSession = new FlowSession();
        _defaultSession.Bind(this);
    }

    private static int s_flowCount;

    public string Name { get; }

    public FlowOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public Action<FlowSession>? OnSessionCompleteCallback { get; }

    public Action<Exception, FlowSession>? OnErrorCallback { get; set; }

    /// <summary>Called when a node fails and no error callback handles it; set by the publisher form of a flow.</summary>
    public Action<Exception>? OnUnhandledError { get; set; }

    public bool IsCancelled => _cancelled;

    public CancellationToken CancellationToken => _cancellation.Token;

    public IReadOnlyList<IFlushable> Flushables { get; set; } = [];

    public IReadOnlyList<Stage> Stages { get; set; } = [];

    public IReadOnlyList<NodeSpec> Nodes { get; set; } = [];

    public Task Completion => _completion.Task;

    /// <summary>Called after the flow finished or failed (not after cancellation), once.</summary>
    public event Action<Exception?>? Terminated;

    /// <summary>The open session that single-item offers use.</summary>
    public FlowSession DefaultSession
    {
        get
        {
            lock (_gate)
            {
                return _defaultSession;
            }
        }
    }

    public bool IsInputClosed
    {
        get
        {
            lock (_gate)
            {
                return _inputClosed;
            }
        }
    }

    /// <summary>Completes the default session and opens a new one for later single-item offers.</summary>
    public void CompleteDefaultSession()
    {
        FlowSession completed;
        lock (_gate)
        {
            completed = _defaultSession;
            if (!_inputClosed)
            {
                _defaultSession = new FlowSession();
                _defaultSession.Bind(this);
            }
        }

        completed.Complete();
    }

    /// <summary>Stops accepting input; the flow completes once every open session has completed.</summary>
    public void Finish()
    {
        FlowSession last;
        lock (_gate)
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
            last = _defaultSession;
        }

        last.Complete();
    }

    public void ThrowIfInputClosed()
    {
        if (_cancelled)
        {
            throw new OperationCanceledException($"Flow '{Name}' was cancelled.", CancellationToken);
        }

        if (IsInputClosed)
        {
            throw new InvalidOperationException($"Flow '{Name}' was finished and accepts no more input.");
        }
    }

    public void OnSessionOpened(FlowSession session)
    {
        lock (_gate)
        {
            _openSessions++;
            _sessions.Add(session);
        }
    }

    public void OnSessionFinished(FlowSession session)
    {
        // Completion callbacks run on the thread pool: a callback that blocks must not stall a stage.
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var (runtime, finished) = state;
                try
                {
                    runtime.OnSessionCompleteCallback?.Invoke(finished);
                }
                catch (Exception exception)
                {
                    runtime.ReportError(exception, finished, "onSessionComplete");
                }

                runtime.CloseSession(finished);
            },
            (this, session),
            preferLocal: false);
    }

    /// <summary>Reports a node failure to the error callback, or fails the flow when there is none.</summary>
    public void ReportError(Exception exception, FlowSession session, string nodeName)
    {
        if (OnErrorCallback is { } callback)
        {
            try
            {
                callback(exception, session);
                return;
            }
            catch (Exception callbackException)
            {
                exception = new AggregateException(exception, callbackException);
            }
        }

        Fail(new FlowNodeException($"Node '{nodeName}' of flow '{Name}' failed on an item of session '{session.Id}'.", exception));
    }

    /// <summary>Fails the flow: it stops like a cancellation, and its completion task carries the exception.</summary>
    public void Fail(Exception exception)
    {
        OnUnhandledError?.Invoke(exception);
        if (_completion.TrySetException(exception))
        {
            Terminated?.Invoke(exception);
        }

        Cancel();
    }

    public void OnCancel(Action action)
    {
        lock (_gate)
        {
            _onCancel.Add(action);
        }
    }

    /// <summary>Stops every source and stage and drops every buffered item.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_cancelled)
            {
                return;
            }

            _cancelled = true;
            _inputClosed = true;
        }

        _cancellation.Cancel();
        foreach (var node in Nodes)
        {
            node.InputEdge?.Close();
        }

        foreach (var stage in Stages)
        {
            // Each stage drops its own buffers on its next turn, on its own thread.
            stage.Schedule();
        }

        foreach (var action in _onCancel)
        {
            action();
        }

        FlowSession[] open;
        lock (_gate)
        {
            open = [.. _sessions];
            _sessions.Clear();
        }

        foreach (var session in open)
        {
            session.Cancel();
        }

        _completion.TrySetCanceled(_cancellation.Token);
    }

    /// <summary>Items on edges and inside stages; zero after a cancellation has settled.</summary>
    public long BufferedItems()
    {
        long total = 0;
        foreach (var node in Nodes)
        {
            total += node.InputEdge?.QueueLength ?? 0;
        }

        foreach (var stage in Stages)
        {
            total += stage.BufferedItems;
        }

        return total;
    }

    private void CloseSession(FlowSession session)
    {
        bool completed;
        lock (_gate)
        {
            _openSessions--;
            _sessions.Remove(session);
            completed = _openSessions == 0 && _inputClosed && !_cancelled;
        }

        if (completed && _completion.TrySetResult())
        {
            Terminated?.Invoke(null);
        }
    }
}
