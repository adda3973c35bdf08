using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>
/// The base of the store contract suites. Each provider subclasses the suites and supplies a fresh, migrated database
/// per test through <see cref="CreateServiceProviderAsync"/>.
/// </summary>
public abstract class WorkflowStoreContractTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected IWorkflowDefinitionStore DefinitionStore => Services.GetRequiredService<IWorkflowDefinitionStore>();

    protected IWorkflowInstanceStore InstanceStore => Services.GetRequiredService<IWorkflowInstanceStore>();

    protected IWorkflowCommitter Committer => Services.GetRequiredService<IWorkflowCommitter>();

    protected IDurableTimerStore TimerStore => Services.GetRequiredService<IDurableTimerStore>();

    protected IHumanTaskStore TaskStore => Services.GetRequiredService<IHumanTaskStore>();

    public async Task InitializeAsync()
    {
        _services = await CreateServiceProviderAsync().WithTimeout();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().AsTask().WithTimeout();
        }

        await DeleteDatabaseAsync().WithTimeout();
    }

    /// <summary>Builds the services of a provider on an empty database with the schema applied.</summary>
    protected abstract Task<ServiceProvider> CreateServiceProviderAsync();

    /// <summary>Deletes what <see cref="CreateServiceProviderAsync"/> created, after the services are disposed.</summary>
    protected abstract Task DeleteDatabaseAsync();

    protected Task CommitAsync(WorkflowCommit commit) => Committer.CommitAsync(commit).WithTimeout();
}
