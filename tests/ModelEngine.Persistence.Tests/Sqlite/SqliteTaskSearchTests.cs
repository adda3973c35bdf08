using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Contracts;

namespace ModelEngine.Persistence.Tests.Sqlite;

public sealed class SqliteTaskSearchTests : TaskSearchContractTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
