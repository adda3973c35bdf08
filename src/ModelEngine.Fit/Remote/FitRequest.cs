namespace ModelEngine.Fit.Remote;

/// <summary>A call on its way to a worker: the FlatBuffers <c>Request</c> table in memory.</summary>
public sealed record FitRequest
{
    public required string RequestId { get; init; }

    public required string GenericableId { get; init; }

    public string GenericableVersion { get; init; } = "1.0.0";

    public required string FitableId { get; init; }

    public required IReadOnlyList<FitValue> Arguments { get; init; }

    /// <summary>The time left for this attempt, so that the worker stops when the caller has given up.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The W3C traceparent of the caller's activity.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The caller's node id.</summary>
    public string? CallerNode { get; init; }
}
