namespace ModelEngine.Waterflow;

/// <summary>Settings of one flow.</summary>
public sealed class FlowOptions
{
    /// <summary>The default number of credits on every edge between stages, including the flow's input. Zero makes each edge a rendezvous.</summary>
    public int CreditWindow { get; init; } = 1024;

    /// <summary>The number of credits between the flow and a Reactive Streams subscriber of its output.</summary>
    public int OutputWindow { get; init; } = 256;

    /// <summary>The name used in metrics tags, Mermaid output and messages; a generated name when null.</summary>
    public string? Name { get; init; }

    /// <summary>The clock for time windows and held-item timestamps; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
