using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows;

namespace ModelEngine.Persistence.Tests.InMemory;

public sealed class InMemoryTaskSearchTests : TaskSearchContractTests
{
    protected override Task<ServiceProvider> CreateServiceProviderAsync() =>
        Task.FromResult(new ServiceCollection().AddLogging().AddModelEngineWorkflows().AddModelEngineHumanTasks().BuildServiceProvider());

    protected override Task DeleteDatabaseAsync() => Task.CompletedTask;
}
