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
}
