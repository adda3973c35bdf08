using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The response of <c>GET /api/tasks/{id}/form</c>: the JSON Schema, the UI schema, the draft data and the outcomes.</summary>
public sealed record TaskFormResponse(JsonNode? Schema, JsonNode? UiSchema, JsonNode? Data, IReadOnlyList<string> Outcomes, [property: JsonPropertyName("etag")] string ETag);
