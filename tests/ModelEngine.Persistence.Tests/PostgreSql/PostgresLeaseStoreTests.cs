using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows.Persistence;
using Xunit.Abstractions;

namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>The lease store that the PostgreSQL registration provides.</summary>
[RequiresPostgres]
public sealed class PostgresLeaseStoreTests : LeaseStoreContractTests
{
    private readonly PostgresTestDatabase _database = new();

    public PostgresLeaseStoreTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override IWorkflowLeaseStore LeaseStore => Assert.IsType<EfWorkflowLeaseStore>(Services.GetRequiredService<IWorkflowLeaseStore>());

    protected override Task<ServiceProvider> CreateServiceProviderAsync() => _database.CreateServiceProviderAsync();

    protected override Task DeleteDatabaseAsync() => _database.DeleteAsync();
}
