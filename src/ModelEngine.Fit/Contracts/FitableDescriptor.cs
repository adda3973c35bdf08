namespace ModelEngine.Fit.Contracts;

/// <summary>One implementation of a genericable, as routing uses it, whether it runs here or on a worker.</summary>
public sealed record FitableDescriptor
{
    public required string GenericableId { get; init; }

    public string GenericableVersion { get; init; } = "1.0.0";

    public required string Id { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool IsDefault { get; init; }

    /// <summary>The fitable that takes over when this one fails, or <see langword="null"/>.</summary>
    public string? DegradesTo { get; init; }
}
