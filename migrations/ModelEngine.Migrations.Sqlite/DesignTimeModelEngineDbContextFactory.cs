using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Migrations.Sqlite;

/// <summary>
/// Builds the context for <c>dotnet ef</c>. The connection string only names the provider: generating a migration
/// opens no connection.
/// </summary>
internal sealed class DesignTimeModelEngineDbContextFactory : IDesignTimeDbContextFactory<ModelEngineDbContext>
{
    public ModelEngineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ModelEngineDbContext>()
            .UseSqlite(
                "Data Source=modelengine.design.db",
                sqlite => sqlite.MigrationsAssembly(ModelEngineEntityFrameworkCoreServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options;
        return new ModelEngineDbContext(options);
    }
}
