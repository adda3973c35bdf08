using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests;

public sealed class WorkflowWorkerServiceTests
{
    [Fact]
    public async Task RunPending_FailsOnce_IsRetried()
    {
        var runtime = new FlakyRuntime(failures: 1);
        var options = Options.Create(new ExecutionOptions { WorkerCount = 1 });
        var queue = new WorkflowWorkQueue(options, NullLogger<WorkflowWorkQueue>.Instance);
        await using var services = new ServiceCollection().AddSingleton<IWorkflowRuntime>(runtime).BuildServiceProvider();
        using var worker = new WorkflowWorkerService(queue, services.GetRequiredService<IServiceScopeFactory>(), options, NullLogger<WorkflowWorkerService>.Instance);

        await worker.StartAsync(CancellationToken.None);
        queue.Enqueue("instance-1");
        await runtime.Succeeded.Task.WaitAsync(Timeouts.Poll);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(2, runtime.Calls);
    }

    private sealed class FlakyRuntime : IWorkflowRuntime
    {
        private int _failuresLeft;

        public FlakyRuntime(int failures)
        {
            _failuresLeft = failures;
        }

        public int Calls { get; private set; }

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task RunPendingAsync(string instanceId, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (_failuresLeft-- > 0)
            {
                throw new InvalidOperationException("database is locked");
            }

            Succeeded.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<WorkflowInstanceView> ExecuteAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> DispatchAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ResumeAsync(ResumeWorkflowRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<WorkflowInstanceView> CancelAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string instanceId, bool force, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<WorkflowInstanceView> RetryAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<WorkflowInstanceView> MigrateAsync(ModelEngine.Workflows.Runtime.Migration.MigrateWorkflowRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<WorkflowInstanceView?> GetAsync(string instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> TriggerEventAsync(string eventName, string? correlationId, System.Text.Json.Nodes.JsonNode? input, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
