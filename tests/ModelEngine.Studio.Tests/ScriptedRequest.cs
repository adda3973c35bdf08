using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Tests;

/// <summary>One request that a component sent to <see cref="ScriptedStudioApi"/>.</summary>
internal sealed record ScriptedRequest(string Method, string Path, JsonNode? Body, IReadOnlyDictionary<string, string> Headers);
