using System.Text.Json.Nodes;
using ModelEngine.Workflows.Expressions;

namespace ModelEngine.Workflows.Scripting.Tests;

/// <summary>An in-memory workflow scope that records variable writes, for evaluator tests.</summary>
internal sealed class FakeExpressionScope : IExpressionScope
{
    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.Ordinal);

    public string WorkflowInstanceId { get; init; } = "instance-1";

    public string? CorrelationId { get; init; } = "correlation-1";

    public string DefinitionId { get; init; } = "definition-1";

    public string? Initiator { get; init; } = "alice";

    public Dictionary<string, JsonNode?> InputValues { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonNode?> Input => InputValues;

    public IEnumerable<string> VariableNames => _variables.Keys;

    public JsonNode? LastResult { get; set; }

    public IServiceProvider Services { get; init; } = new EmptyServiceProvider();

    /// <summary>Outputs of earlier activities, keyed by activity id or name.</summary>
    public Dictionary<string, JsonObject> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every <see cref="SetVariable"/> call, in order.</summary>
    public List<(string Name, JsonNode? Value)> Writes { get; } = [];

    public bool TryGetVariable(string name, out JsonNode? value) => _variables.TryGetValue(name, out value);

    public void SetVariable(string name, JsonNode? value)
    {
        _variables[name] = value;
        Writes.Add((name, value));
    }

    public JsonNode? GetOutputFrom(string activityIdOrName, string? outputName)
    {
        if (!Outputs.TryGetValue(activityIdOrName, out var outputs))
        {
            return null;
        }

        return outputName is null ? outputs : outputs[outputName];
    }

    /// <summary>Sets a variable without recording it as a write by the script.</summary>
    public FakeExpressionScope WithVariable(string name, JsonNode? value)
    {
        _variables[name] = value;
        return this;
    }

    public ExpressionExecutionContext CreateContext() => new(this, "activity-1");

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
