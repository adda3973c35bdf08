namespace ModelEngine.Fit.Client;

/// <summary>Per-call settings. Unset values fall back to the genericable's configuration, then to defaults.</summary>
public sealed record FitCallOptions
{
    public static FitCallOptions Default { get; } = new();

    /// <summary>Call this fitable only.</summary>
    public string? FitableId { get; init; }

    /// <summary>Call only fitables that carry this alias.</summary>
    public string? Alias { get; init; }

    /// <summary>The time the whole call may take, retries and degradation included.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The number of retries of a failed attempt on the same fitable.</summary>
    public int? Retry { get; init; }

    /// <summary>Whether a failure goes to the fitable's degradation target.</summary>
    public bool IgnoreDegradation { get; init; }

    /// <summary>
    /// Calls every matching fitable and folds their results with this function. A failed fitable is left out.
    /// <see langword="null"/> means unicast.
    /// </summary>
    public Func<IReadOnlyList<object?>, object?>? Accumulator { get; init; }

    /// <summary>Prefer fitables on this node, for example the node that stores the call's large payload.</summary>
    public string? PreferredNodeId { get; init; }
}
