using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Migrations.SqlServer;

/// <summary>
/// Builds the context for <c>dotnet ef</c>. The connection string only names the provider: generating a migration or
/// a script opens no connection.
/// </summary>
internal sealed class DesignTimeModelEngineDbContextFactory : IDesignTimeDbContextFactory<ModelEngineDbContext>
{
    public ModelEngineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ModelEngineDbContext>()
            .UseSqlServer(
                "Server=localhost;Database=ModelEngineDesign;Integrated Security=true;TrustServerCertificate=true",
                sqlServer => sqlServer.MigrationsAssembly(ModelEngineEntityFrameworkCoreServiceCollectionExtensions.SqlServerMigrationsAssembly))
            .Options;
        return new ModelEngineDbContext(options);
    }
}
