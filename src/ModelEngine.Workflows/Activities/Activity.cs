using System.Text.Json.Nodes;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities;

/// <summary>
/// The base of every activity. An activity object is part of a definition version and is shared by all its
/// instances, so it keeps no run-time state. That state lives in the <see cref="ActivityExecutionContext"/>.
/// </summary>
public abstract class Activity
{
    /// <summary>The id, unique within the containing flowchart.</summary>
    public string Id { get; set; } = "";

    /// <summary>The id path from the root, such as <c>root:approve</c>, unique in the whole definition.</summary>
    public string NodeId { get; internal set; } = "";

    /// <summary>The native type name, such as <c>ModelEngine.WriteLine</c>.</summary>
    public string Type { get; internal set; } = "";

    public string? Name { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>Free properties as Elsa stores them, such as <c>canStartWorkflow</c> and <c>mergeMode</c>.</summary>
    public JsonObject CustomProperties { get; set; } = [];

    /// <summary>Designer data such as the position on the canvas. The engine keeps it and never reads it.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The descriptor the activity was loaded with.</summary>
    public ActivityDescriptor Descriptor { get; internal set; } = null!;

    /// <summary>How tokens that reach this activity in a flowchart are joined.</summary>
    public JoinMode JoinMode { get; internal set; }

    /// <summary>
    /// Whether the engine completes the activity with <c>Done</c> when <see cref="ExecuteAsync"/> returns without
    /// completing it or creating a bookmark. Containers turn it off.
    /// </summary>
    protected internal virtual bool AutoComplete => true;

    /// <summary>Returns the activities this one contains: a flowchart's activities or a loop's body.</summary>
    public virtual IEnumerable<Activity> GetChildActivities() => [];

    /// <summary>Returns the outcomes this activity can leave through. Activities with dynamic outcomes override it.</summary>
    public virtual IReadOnlyList<string> GetOutcomes() =>
        Descriptor.Ports.Where(port => port.Type == PortDescriptor.FlowType).Select(port => port.Name).ToArray();

    /// <summary>Runs the activity when a token reaches it.</summary>
    protected internal abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Continues the activity when one of its bookmarks is resumed. By default it completes with <c>Done</c>.</summary>
    protected internal virtual ValueTask ResumeAsync(ActivityExecutionContext context) => context.CompleteAsync();

    /// <summary>
    /// Lets the activity release what it owns outside the instance, such as a human task, when the engine cancels it.
    /// Its bookmarks and timers are removed by the engine.
    /// </summary>
    protected internal virtual ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason) => default;

    /// <summary>Lets a container react to a child's completion.</summary>
    protected internal virtual ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, IReadOnlyList<string> outcomes) => default;

    /// <summary>
    /// Checks the activity's literal inputs when the definition is loaded, so that a bad value is rejected at publish.
    /// Inputs written as expressions are checked when they are evaluated.
    /// </summary>
    protected internal virtual IEnumerable<Validation.ValidationError> Validate() => [];

    /// <summary>Lets a container react to a child being cancelled.</summary>
    protected internal virtual ValueTask OnChildCancelledAsync(ActivityExecutionContext context, ActivityExecutionContext child) => default;
}
