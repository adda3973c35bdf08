using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Contracts;

namespace ModelEngine.Persistence.Tests.PostgreSql;

[RequiresPostgres]
public sealed class PostgresTaskSearchTests : TaskSearchContractTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
