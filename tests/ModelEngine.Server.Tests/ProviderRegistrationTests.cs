using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Tests;

/// <summary>
/// The server's services on PostgreSQL and SQL Server, built without starting the host. No SQL Server runs here or on
/// CI, so each connection string points at a loopback listener that accepts nothing, and the test checks that no
/// connection is waiting on it. Building the services must open none, because the host builds them before the
/// migrations have created the database.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class ProviderRegistrationTests
{
    [Theory]
    [InlineData("SqlServer", "Server=127.0.0.1,{0};Database=ModelEngine;User Id=modelengine;Password=unused;Encrypt=false;Connect Timeout=2", typeof(SqlServerStorage))]
    [InlineData("PostgreSql", "Host=127.0.0.1;Port={0};Database=modelengine;Username=modelengine;Timeout=2", typeof(PostgreSqlStorage))]
    public async Task Services_ForProvider_ResolveWithoutConnecting(string provider, string connectionStringFormat, Type storageType)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connectionString = string.Format(CultureInfo.InvariantCulture, connectionStringFormat, ((IPEndPoint)listener.LocalEndpoint).Port);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration["Persistence:Provider"] = provider;
        builder.Configuration["ConnectionStrings:ModelEngine"] = connectionString;
        builder.Configuration["Scheduling:Enabled"] = "true";
        builder.AddModelEngineServer();
        await using var app = builder.Build();
        var services = app.Services;

        var database = services.GetRequiredService<ServerDatabase>();
        Assert.Equal(Enum.Parse<PersistenceProvider>(provider), database.Provider);
        Assert.Null(database.SqliteDatabasePath);

        await using var context = await services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync();
        var expectedEfProvider = provider == "SqlServer" ? "Microsoft.EntityFrameworkCore.SqlServer" : "Npgsql.EntityFrameworkCore.PostgreSQL";
        Assert.Equal(expectedEfProvider, context.Database.ProviderName);

        object[] stores =
        [
            services.GetRequiredService<IWorkflowDefinitionStore>(),
            services.GetRequiredService<IWorkflowInstanceStore>(),
            services.GetRequiredService<IWorkflowCommitter>(),
            services.GetRequiredService<IDurableTimerStore>(),
            services.GetRequiredService<IHumanTaskStore>(),
        ];
        foreach (var store in stores)
        {
            Assert.StartsWith("ModelEngine.Persistence.EntityFrameworkCore.", store.GetType().FullName);
        }

        // Resolving the hosted services builds Hangfire's server and storage, as the host does before it starts them.
        Assert.NotEmpty(services.GetServices<IHostedService>());
        Assert.IsType(storageType, services.GetRequiredService<JobStorage>());

        Assert.False(listener.Pending(), $"Building the {provider} services opened a connection to the database.");
    }
}
