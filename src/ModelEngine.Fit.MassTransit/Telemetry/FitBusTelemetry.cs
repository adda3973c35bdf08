using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModelEngine.Fit.MassTransit.Telemetry;

/// <summary>The traces and metrics of remote FIT calls. Listen to the <c>ModelEngine.Fit</c> source and meter.</summary>
public static class FitBusTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "ModelEngine.Fit";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Remote calls by outcome (ok, error status, timed_out, cancelled, unavailable).</summary>
    internal static readonly Counter<long> RemoteCalls = Meter.CreateCounter<long>("fit.remote.calls", description: "Remote FIT calls sent by this process, by outcome.");

    /// <summary>The time from sending a request to reading its response, in milliseconds.</summary>
    internal static readonly Histogram<double> RemoteDuration = Meter.CreateHistogram<double>("fit.remote.duration", unit: "ms", description: "Duration of remote FIT calls.");

    /// <summary>Calls sent and still waiting for their response.</summary>
    internal static readonly UpDownCounter<long> RemoteInFlight = Meter.CreateUpDownCounter<long>("fit.remote.in_flight", description: "Remote FIT calls waiting for a response.");

    /// <summary>Requests a worker has run, by outcome.</summary>
    internal static readonly Counter<long> ServedCalls = Meter.CreateCounter<long>("fit.worker.calls", description: "FIT requests this worker has run, by outcome.");
}
