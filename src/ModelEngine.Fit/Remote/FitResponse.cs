namespace ModelEngine.Fit.Remote;

/// <summary>A worker's response: the FlatBuffers <c>Response</c> table in memory.</summary>
public sealed record FitResponse
{
    public required string RequestId { get; init; }

    public FitResponseStatus Status { get; init; }

    public FitValue Result { get; init; } = FitValue.Null;

    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public string? WorkerId { get; init; }
}
