using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Expressions;

/// <summary>The workflow state that expressions see. The runtime implements it over the instance's state.</summary>
public interface IExpressionScope
{
    string WorkflowInstanceId { get; }

    string? CorrelationId { get; }

    string DefinitionId { get; }

    /// <summary>The user or API key that started the instance, if known.</summary>
    string? Initiator { get; }

    IReadOnlyDictionary<string, JsonNode?> Input { get; }

    IEnumerable<string> VariableNames { get; }

    JsonNode? LastResult { get; }

    IServiceProvider Services { get; }

    bool TryGetVariable(string name, out JsonNode? value);

    void SetVariable(string name, JsonNode? value);

    JsonNode? GetOutputFrom(string activityIdOrName, string? outputName);
}
