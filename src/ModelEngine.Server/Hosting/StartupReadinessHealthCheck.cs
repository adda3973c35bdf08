using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Reports the server ready once the database is migrated and start-up recovery has queued the interrupted instances.
/// Served at <c>/health/ready</c>; <c>/health/live</c> only shows that the process serves requests.
/// </summary>
internal sealed class StartupReadinessHealthCheck : IHealthCheck
{
    public const string Tag = "ready";

    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready
            ? HealthCheckResult.Healthy("The database is migrated and start-up recovery has run.")
            : HealthCheckResult.Unhealthy("The server is still migrating the database or recovering instances."));
}
