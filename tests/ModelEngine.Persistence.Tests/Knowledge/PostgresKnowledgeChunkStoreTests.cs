using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.PostgreSql;

namespace ModelEngine.Persistence.Tests.Knowledge;

/// <summary>The knowledge chunk store on a PostgreSQL database.</summary>
[RequiresPostgres]
public sealed class PostgresKnowledgeChunkStoreTests : KnowledgeChunkStoreContractTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
