using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/workflow-definitions</c>: a definition in Elsa 3's shape and whether to publish it.</summary>
public sealed record SaveDefinitionRequest(JsonObject? Model, bool Publish = false);
