using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime.State;

/// <summary>
/// The persisted state of an instance: everything needed to continue it on any node after a restart. It is
/// serialized to JSON as one blob, beside the summary row.
/// </summary>
public sealed class WorkflowState
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int Version { get; set; }

    public WorkflowSubStatus SubStatus { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public string? Initiator { get; set; }

    /// <summary>The parent waiting for this instance, when an ExecuteWorkflow activity started it and waits for it.</summary>
    public ParentLink? Parent { get; set; }

    /// <summary>The id of the trigger activity that started the instance, such as a Cron at the flowchart's start.</summary>
    public string? TriggerActivityId { get; set; }

    public JsonObject Input { get; set; } = [];

    public JsonObject Output { get; set; } = [];

    /// <summary>Variable values by variable name.</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>Outputs of completed activities: activity id to an object of output name to value.</summary>
    public JsonObject ActivityOutputs { get; set; } = [];

    public JsonNode? LastResult { get; set; }

    /// <summary>
    /// Instance-level data that activities share, such as the HTTP request that started the instance and the id of the
    /// request that WriteHttpResponse responds to.
    /// </summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>Activity instances that are scheduled, running or waiting. Completed ones are removed.</summary>
    public List<ActivityInstanceState> Activities { get; set; } = [];

    /// <summary>Work not yet done, in order. Recovery after a crash continues from here.</summary>
    public List<WorkItem> Scheduled { get; set; } = [];

    public List<BookmarkState> Bookmarks { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    public long JournalSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
