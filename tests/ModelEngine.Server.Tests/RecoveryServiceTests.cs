using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests;

public sealed class RecoveryServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Recover_UnleasedPending_Queued()
    {
        await using var services = new ServiceCollection().AddLogging().AddModelEngineWorkflows().BuildServiceProvider();
        var committer = services.GetRequiredService<IWorkflowCommitter>();
        var leases = services.GetRequiredService<IWorkflowLeaseStore>();
        foreach (var (id, subStatus) in new[]
        {
            ("orphan", WorkflowSubStatus.Pending),
            ("interrupted", WorkflowSubStatus.Executing),
            ("leased", WorkflowSubStatus.Pending),
            ("expired", WorkflowSubStatus.Pending),
            ("queued", WorkflowSubStatus.Pending),
            ("waiting", WorkflowSubStatus.Suspended),
        })
        {
            await committer.CommitAsync(NewInstance(id, subStatus)).WaitAsync(Timeouts.Request);
        }

        await leases.TryAcquireAsync("leased", "node-b", Now, Now.AddSeconds(30));
        await leases.TryAcquireAsync("expired", "node-dead", Now.AddMinutes(-2), Now.AddMinutes(-1));
        var options = Options.Create(new ExecutionOptions());
        var queue = new WorkflowWorkQueue(options, NullLogger<WorkflowWorkQueue>.Instance);
        queue.Enqueue("queued");
        var recovery = new WorkflowRecoveryService(
            queue, services.GetRequiredService<IServiceScopeFactory>(), leases, new FakeTimeProvider(Now), options, NullLogger<WorkflowRecoveryService>.Instance);

        var queued = await recovery.RecoverAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.Equal(3, queued);
        var ids = new List<string>();
        while (queue.Reader.TryRead(out var id))
        {
            ids.Add(id);
        }

        // "queued" was in the queue before recovery ran, and recovery did not add it a second time.
        Assert.Equal(["expired", "interrupted", "orphan", "queued"], ids.Order(StringComparer.Ordinal));
    }

    private static WorkflowCommit NewInstance(string id, WorkflowSubStatus subStatus) => new()
    {
        Summary = new WorkflowInstanceSummary
        {
            Id = id,
            DefinitionId = "recovery",
            DefinitionVersionId = "recovery:v1",
            Version = 1,
            SubStatus = subStatus,
            CreatedAt = Now,
            UpdatedAt = Now,
            Revision = 1,
        },
        StateJson = "{}",
    };
}
