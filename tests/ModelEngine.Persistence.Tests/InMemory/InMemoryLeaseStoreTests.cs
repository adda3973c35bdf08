using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using Xunit.Abstractions;

namespace ModelEngine.Persistence.Tests.InMemory;

/// <summary>The in-memory lease store that the engine registers by default.</summary>
public sealed class InMemoryLeaseStoreTests : LeaseStoreContractTests
{
    public InMemoryLeaseStoreTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override IWorkflowLeaseStore LeaseStore => Assert.IsType<InMemoryWorkflowLeaseStore>(Services.GetRequiredService<IWorkflowLeaseStore>());

    protected override Task<ServiceProvider> CreateServiceProviderAsync() =>
        Task.FromResult(new ServiceCollection().AddLogging().AddModelEngineWorkflows().BuildServiceProvider());

    protected override Task DeleteDatabaseAsync() => Task.CompletedTask;
}
