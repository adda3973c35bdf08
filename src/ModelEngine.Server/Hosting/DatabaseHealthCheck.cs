using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Server.Hosting;

/// <summary>Reports whether the server can open a connection to its database, on every provider.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contexts;

    public DatabaseHealthCheck(IDbContextFactory<ModelEngineDbContext> contexts)
    {
        _contexts = contexts;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var database = await _contexts.CreateDbContextAsync(cancellationToken);
        var providerName = database.Database.ProviderName;

        // A provider may throw from CanConnectAsync instead of returning false, so an exception is unhealthy too. The
        // health check service logs unhealthy results with their exception.
        try
        {
            return await database.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"The {providerName} database accepts connections.")
                : HealthCheckResult.Unhealthy($"The {providerName} database does not accept connections.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Connecting to the {providerName} database failed.", exception);
        }
    }
}
