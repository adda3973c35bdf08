using System.Text.Json.Serialization;

namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>An activity type as <c>GET /api/descriptors/activities</c> describes it: the toolbox and the property panel read it.</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public required string DisplayName { get; init; }

    public string? Category { get; init; }

    public string? Description { get; init; }

    public int Version { get; init; } = 1;

    public string? Kind { get; init; }

    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];

    public bool HasDynamicOutcomes { get; init; }

    public bool IsContainer { get; init; }

    public bool IsStart { get; init; }

    public bool IsTerminal { get; init; }

    public bool IsBrowsable { get; init; } = true;

    /// <summary>Set for a published definition that is usable as an activity.</summary>
    public string? WorkflowDefinitionId { get; init; }

    /// <summary>
    /// The server's display name, before translation into the user's language; <see langword="null"/> when the
    /// descriptor was not translated. The toolbox search matches it as well as <see cref="DisplayName"/>.
    /// </summary>
    [JsonIgnore]
    public string? ServerDisplayName { get; init; }

    /// <summary>
    /// The server's category, before translation; <see langword="null"/> when the descriptor was not translated. The
    /// canvas picks a node's colour by it.
    /// </summary>
    [JsonIgnore]
    public string? ServerCategory { get; init; }

    /// <summary>
    /// The label of each outcome in the user's language, by outcome name: the ports' display names and the well-known
    /// outcomes (Approve, Reject, ...) that dynamic outcomes use. An outcome not listed shows its name.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> OutcomeDisplayNames { get; init; } = EmptyOutcomes;

    private static readonly IReadOnlyDictionary<string, string> EmptyOutcomes = new Dictionary<string, string>();

    /// <summary>Returns the label of <paramref name="outcome"/> in the user's language, or the name itself.</summary>
    public string OutcomeLabel(string outcome) =>
        OutcomeDisplayNames.TryGetValue(outcome, out var label) ? label
        : Ports.FirstOrDefault(p => p.Name == outcome)?.DisplayName is { Length: > 0 } display ? display
        : outcome;
}
