namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>A decoded <c>Heartbeat</c>; <see cref="Fitables"/> lists <c>genericable/fitable</c> pairs.</summary>
internal sealed record WireHeartbeat(
    string WorkerId,
    string NodeId,
    string Queue,
    string Language,
    long AliveMs,
    ulong Sequence,
    bool Stopping,
    IReadOnlyList<string> Fitables,
    string? ContentType);
