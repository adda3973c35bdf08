using System.Diagnostics.Metrics;

namespace ModelEngine.Fel;

/// <summary>The instruments of FEL flows, on the meter <c>ModelEngine.Fel</c>.</summary>
internal static class FelFlowMetrics
{
    public const string MeterName = "ModelEngine.Fel";

    /// <summary>The key on the first streamed update with text that carries its time to first token in milliseconds.</summary>
    public const string TimeToFirstTokenProperty = "fel.time_to_first_token_ms";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>The time from sending a streaming request to its first update with text.</summary>
    public static readonly Histogram<double> TimeToFirstToken = Meter.CreateHistogram<double>(
        "fel.generation.time_to_first_token", unit: "ms", description: "Time from sending a streaming chat request to its first text update.");
}
