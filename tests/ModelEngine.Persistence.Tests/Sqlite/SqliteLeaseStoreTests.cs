using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows.Persistence;
using Xunit.Abstractions;

namespace ModelEngine.Persistence.Tests.Sqlite;

/// <summary>
/// The database lease store on SQLite. The SQLite registration keeps leases in memory, so the store is built
/// directly here to check its SQL on this provider.
/// </summary>
public sealed class SqliteLeaseStoreTests : LeaseStoreContractTests
{
    private readonly SqliteTestDatabase _database = new();
    private IWorkflowLeaseStore? _leaseStore;

    public SqliteLeaseStoreTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override IWorkflowLeaseStore LeaseStore =>
        _leaseStore ??= ActivatorUtilities.CreateInstance<EfWorkflowLeaseStore>(Services, PersistenceProvider.Sqlite);

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
