using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Tasks;

/// <summary>The response of <c>GET /api/tasks/{id}/form</c>: the JSON Schema, its UI schema and the draft saved so far.</summary>
public sealed record TaskForm(JsonObject? Schema, JsonObject? UiSchema, JsonObject? Data, IReadOnlyList<string>? Outcomes, string? Etag);
