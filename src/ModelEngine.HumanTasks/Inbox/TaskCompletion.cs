using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>A reviewer's decision: one of the task's outcomes, with an optional comment and data.</summary>
public sealed record TaskCompletion(string Outcome, string? Comment = null, JsonNode? Data = null);
