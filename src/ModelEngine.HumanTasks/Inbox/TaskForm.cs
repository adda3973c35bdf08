using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>What a form for a task needs: its JSON Schema, its UI schema and the draft data saved so far.</summary>
public sealed record TaskForm(JsonNode? Schema, JsonNode? UiSchema, JsonNode? Data, IReadOnlyList<string> Outcomes);
