using ModelEngine.Messaging.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Registers the server's trace sources and meters with OpenTelemetry. No exporter is added, so nothing leaves the
/// process until a deployment adds one (for example an OTLP exporter aimed at its own collector).
/// </summary>
internal static class ServerTelemetryExtensions
{
    /// <summary>MassTransit's own source and meter, which carry its send, receive and consume spans.</summary>
    private const string MassTransitSourceName = "MassTransit";

    public static IServiceCollection AddServerTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(MessagingTelemetry.SourceName, MassTransitSourceName))
            .WithMetrics(metrics => metrics.AddMeter(MessagingTelemetry.MeterName, MassTransitSourceName));
        return services;
    }
}
