using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;

namespace ModelEngine.Persistence.Tests.Sqlite;

public sealed class SqliteRegistrationTests
{
    private const string ConnectionString = "Data Source=unused.db";

    [Fact]
    public void AddModelEngineEntityFrameworkCore_EarlierStores_AreReplaced()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IWorkflowCommitter, StubCommitter>();
        services.AddSingleton<IWorkflowCommitter, StubCommitter>();

        services.AddModelEngineEntityFrameworkCore(ConnectionString);

        var committers = services.Where(d => d.ServiceType == typeof(IWorkflowCommitter)).ToList();
        Assert.Single(committers);
        Assert.Equal(typeof(EfWorkflowCommitter), committers[0].ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, committers[0].Lifetime);
    }

    [Fact]
    public void AddModelEngineEntityFrameworkCore_LaterTryAdd_IsIgnored()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddModelEngineEntityFrameworkCore(ConnectionString);
        services.TryAddSingleton<IWorkflowCommitter, StubCommitter>();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<EfWorkflowCommitter>(provider.GetRequiredService<IWorkflowCommitter>());
        Assert.IsType<EfHumanTaskStore>(provider.GetRequiredService<IHumanTaskStore>());
        Assert.NotNull(provider.GetRequiredService<IWorkflowDefinitionStore>());
        Assert.NotNull(provider.GetRequiredService<IWorkflowInstanceStore>());
        Assert.NotNull(provider.GetRequiredService<IDurableTimerStore>());
    }

    [Fact]
    public void AddModelEngineEntityFrameworkCore_Sqlite_KeepsLeasesInMemory()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddModelEngineWorkflows();
        services.AddModelEngineEntityFrameworkCore(ConnectionString);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryWorkflowLeaseStore>(provider.GetRequiredService<IWorkflowLeaseStore>());
    }

    [Theory]
    [InlineData(PersistenceProvider.PostgreSql, "Host=127.0.0.1;Port=1;Database=unused")]
    [InlineData(PersistenceProvider.SqlServer, "Server=127.0.0.1,1;Database=unused;TrustServerCertificate=true")]
    public void AddModelEngineEntityFrameworkCore_SharedDatabase_StoresLeasesInIt(PersistenceProvider provider, string connectionString)
    {
        var services = new ServiceCollection().AddLogging();

        services.AddModelEngineWorkflows();
        services.AddModelEngineEntityFrameworkCore(provider, connectionString);
        using var serviceProvider = services.BuildServiceProvider();

        Assert.IsType<EfWorkflowLeaseStore>(serviceProvider.GetRequiredService<IWorkflowLeaseStore>());
    }

    private sealed class StubCommitter : IWorkflowCommitter
    {
        public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
