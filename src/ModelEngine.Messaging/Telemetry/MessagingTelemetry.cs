using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModelEngine.Messaging.Telemetry;

/// <summary>
/// The trace source and meter of work that crosses processes: outbox relay and consumed messages. An OpenTelemetry
/// exporter picks them up by <see cref="SourceName"/> and <see cref="MeterName"/>.
/// </summary>
public static class MessagingTelemetry
{
    public const string SourceName = "ModelEngine.Messaging";
    public const string MeterName = "ModelEngine.Messaging";

    /// <summary>The tag that carries the workflow instance id on spans and measurements.</summary>
    public const string InstanceIdTag = "modelengine.workflow_instance.id";
    public const string MessageIdTag = "messaging.message.id";
    public const string MessageTypeTag = "modelengine.message.type";
    public const string ConsumerTag = "modelengine.consumer";
    public const string OutcomeTag = "modelengine.outcome";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Outbox messages published on the bus.</summary>
    public static readonly Counter<long> OutboxRelayed = s_meter.CreateCounter<long>(
        "modelengine.outbox.relayed", unit: "{message}", description: "Outbox messages published on the bus.");

    /// <summary>Outbox messages whose publish failed and that stay in the outbox for a later pass.</summary>
    public static readonly Counter<long> OutboxRelayFailed = s_meter.CreateCounter<long>(
        "modelengine.outbox.relay_failed", unit: "{message}", description: "Outbox publishes that failed; the row is published again later.");

    /// <summary>Messages that a consumer handled, tagged with the consumer and the outcome.</summary>
    public static readonly Counter<long> MessagesConsumed = s_meter.CreateCounter<long>(
        "modelengine.messages.consumed", unit: "{message}", description: "Messages consumed from the bus.");
}
