namespace ModelEngine.Workflows.Descriptors;

/// <summary>
/// What the designer needs to know about an activity type: its names, category, inputs, outputs and ports. Served at
/// <c>GET /api/descriptors/activities</c>.
/// </summary>
public sealed record ActivityDescriptor
{
    /// <summary>The native type name, such as <c>ModelEngine.FlowDecision</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>Other names that load as this activity, such as <c>Elsa.FlowDecision</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public required string Category { get; init; }

    public string? Description { get; init; }

    public int Version { get; init; } = 1;

    /// <summary><c>Action</c>, <c>Trigger</c> or <c>Task</c>, as in Elsa.</summary>
    public string Kind { get; init; } = "Action";

    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    /// <summary>The static flow ports. Activities with dynamic outcomes add ports from their input values.</summary>
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];

    /// <summary>Whether the ports depend on input values (FlowSwitch cases, FlowFork branches, UserTask outcomes).</summary>
    public bool HasDynamicOutcomes { get; init; }

    public bool IsContainer { get; init; }

    public bool IsStart { get; init; }

    public bool IsTerminal { get; init; }

    public bool IsBrowsable { get; init; } = true;

    /// <summary>
    /// For a published definition usable as an activity, its definition id. An activity of this type stores it as
    /// <c>workflowDefinitionId</c> beside its type, and its inputs as wrapped properties.
    /// </summary>
    public string? WorkflowDefinitionId { get; init; }
}
