using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Expressions;

/// <summary>
/// What an expression can read and write while it runs: the workflow's input and variables, the last activity result
/// and the outputs of earlier activities. Values are JSON nodes, so a script reads exactly what is persisted.
/// </summary>
public sealed class ExpressionExecutionContext
{
    private readonly IExpressionScope _scope;

    public ExpressionExecutionContext(IExpressionScope scope, string activityId)
    {
        _scope = scope;
        ActivityId = activityId;
    }

    /// <summary>The id of the activity whose input is being evaluated.</summary>
    public string ActivityId { get; }

    public string WorkflowInstanceId => _scope.WorkflowInstanceId;

    public string? CorrelationId => _scope.CorrelationId;

    public string DefinitionId => _scope.DefinitionId;

    /// <summary>The user or API key that started the instance, if known.</summary>
    public string? Initiator => _scope.Initiator;

    /// <summary>The workflow instance's input, by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Input => _scope.Input;

    /// <summary>The names of the variables declared by the workflow or set since it started.</summary>
    public IEnumerable<string> VariableNames => _scope.VariableNames;

    /// <summary>The result of the activity that completed last, such as a UserTask's <c>result</c>.</summary>
    public JsonNode? LastResult => _scope.LastResult;

    /// <summary>Services of the host, for evaluators that need options or caches.</summary>
    public IServiceProvider Services => _scope.Services;

    public bool TryGetVariable(string name, out JsonNode? value) => _scope.TryGetVariable(name, out value);

    public void SetVariable(string name, JsonNode? value) => _scope.SetVariable(name, value);

    /// <summary>Returns output <paramref name="outputName"/> (or the whole output object) of an earlier activity.</summary>
    public JsonNode? GetOutputFrom(string activityIdOrName, string? outputName) => _scope.GetOutputFrom(activityIdOrName, outputName);
}
