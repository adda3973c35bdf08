using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Sqlite;

namespace ModelEngine.Persistence.Tests.Knowledge;

/// <summary>The knowledge chunk store on a SQLite file.</summary>
public sealed class SqliteKnowledgeChunkStoreTests : KnowledgeChunkStoreContractTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
