using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models.LifeCycleEvents;

namespace ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;

/// <summary>
/// A started WorkflowCore host on its default in-memory persistence, with <see cref="StraightThroughWorkflow"/>
/// registered. It runs one batch: <see cref="RunBatchAsync"/> starts the instances and waits for their
/// <see cref="WorkflowCompleted"/> lifecycle events.
/// </summary>
internal sealed class WorkflowCoreHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly TaskCompletionSource _batchCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    public WorkflowCoreHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        _services = services.BuildServiceProvider();

        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<StraightThroughWorkflow, StraightThroughData>();
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
        _host.Start();
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances one after another and waits until all of them completed, or throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task RunBatchAsync(int count, TimeSpan timeout)
    {
        if (Interlocked.CompareExchange(ref _pending, count, 0) != 0 || _batchCompleted.Task.IsCompleted)
        {
            throw new InvalidOperationException("A WorkflowCore host runs one batch. Create a new host for the next one.");
        }

        for (var i = 0; i < count; i++)
        {
            await _host.StartWorkflow(StraightThroughWorkflow.WorkflowId, new StraightThroughData());
        }

        try
        {
            await _batchCompleted.Task.WaitAsync(timeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"WorkflowCore timed out: {count - Volatile.Read(ref _pending)} of {count} instances completed within {timeout.TotalSeconds} s.", exception);
        }
    }

    public void Dispose()
    {
        _host.OnLifeCycleEvent -= OnLifeCycleEvent;
        _host.Stop();
        _services.Dispose();
    }

    private void OnLifeCycleEvent(LifeCycleEvent lifeCycleEvent)
    {
        if (lifeCycleEvent is WorkflowCompleted && Interlocked.Decrement(ref _pending) == 0)
        {
            _batchCompleted.TrySetResult();
        }
    }
}
