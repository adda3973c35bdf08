using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Runs the Pending instances queued on <see cref="WorkflowWorkQueue"/> with a few concurrent workers. The runtime
/// serializes work per instance, so two workers that receive the same id do not run it twice.
/// </summary>
internal sealed partial class WorkflowWorkerService : BackgroundService
{
    // Waits between the attempts to run an instance whose run failed.
    private static readonly TimeSpan[] s_retryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    private readonly WorkflowWorkQueue _queue;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly int _workerCount;
    private readonly ILogger<WorkflowWorkerService> _logger;

    public WorkflowWorkerService(
        WorkflowWorkQueue queue,
        IServiceScopeFactory scopeFactory,
        IOptions<ExecutionOptions> options,
        ILogger<WorkflowWorkerService> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.WorkerCount, 1, "Execution:WorkerCount");

        _queue = queue;
        _scopeFactory = scopeFactory;
        _workerCount = options.Value.WorkerCount;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(_logger, _workerCount);

        var workers = new Task[_workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => RunWorkerAsync(stoppingToken), CancellationToken.None);
        }

        await Task.WhenAll(workers);
        Log.Stopped(_logger);
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var instanceId))
                {
                    _queue.MarkDequeued(instanceId);
                    await RunPendingAsync(instanceId, stoppingToken);
                }

                // The channel is drained: ids dropped while it was full are still Pending in the database.
                if (_queue.TakeOverflowMark())
                {
                    await RequeueRecoverableAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down. An instance interrupted here stays Pending or Executing. Recovery on another node or at
            // the next start runs it once its lease is released or expires.
        }
    }

    private async Task RunPendingAsync(string instanceId, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = _scopeFactory.CreateAsyncScope();
                var runtime = scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>();
                Log.Running(_logger, instanceId);
                await runtime.RunPendingAsync(instanceId, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (WorkflowInstanceBusyException exception)
            {
                // This node lost the lease during the step, so another node runs the instance from its last commit.
                Log.LeaseLost(_logger, instanceId, exception.Message);
                return;
            }
            catch (Exception exception) when (attempt <= s_retryDelays.Length)
            {
                // A busy database or a lost race usually clears up; the instance is still Pending in the database.
                var delay = s_retryDelays[attempt - 1];
                Log.RunRetrying(_logger, exception, instanceId, attempt, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
            }
            catch (Exception exception)
            {
                // The host keeps running; the instance stays Pending and periodic recovery tries it again.
                Log.RunFailed(_logger, exception, instanceId, attempt);
                return;
            }
        }
    }

    private async Task RequeueRecoverableAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
            var ids = await store.ListRecoverableAsync(stoppingToken);
            Log.Requeued(_logger, ids.Count);
            foreach (var id in ids)
            {
                _queue.Enqueue(id);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Log.RequeueFailed(_logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Started {WorkerCount} background workflow workers.")]
        public static partial void Started(ILogger logger, int workerCount);

        [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Background workflow workers stopped.")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 1112, Level = LogLevel.Debug, Message = "Running the pending work of workflow instance {WorkflowInstanceId}.")]
        public static partial void Running(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 1113, Level = LogLevel.Error, Message = "Running the pending work of workflow instance {WorkflowInstanceId} failed {Attempts} times; it stays Pending and recovery retries it after Execution:RecoveryInterval.")]
        public static partial void RunFailed(ILogger logger, Exception exception, string workflowInstanceId, int attempts);

        [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "Running the pending work of workflow instance {WorkflowInstanceId} failed (attempt {Attempt}); retrying in {DelaySeconds} s.")]
        public static partial void RunRetrying(ILogger logger, Exception exception, string workflowInstanceId, int attempt, double delaySeconds);

        [LoggerMessage(EventId = 1117, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} was not committed here: {Reason}")]
        public static partial void LeaseLost(ILogger logger, string workflowInstanceId, string reason);

        [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Re-queued {Count} Pending or Executing workflow instances after the execution queue overflowed.")]
        public static partial void Requeued(ILogger logger, int count);

        [LoggerMessage(EventId = 1115, Level = LogLevel.Error, Message = "Listing Pending workflow instances after the execution queue overflowed failed.")]
        public static partial void RequeueFailed(ILogger logger, Exception exception);
    }
}
