using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>Wraps an agent's tool and records each call (name, arguments, result or error) for the Delegate activity's journal.</summary>
internal sealed class RecordingToolFunction : DelegatingAIFunction
{
    private readonly ToolCallLog _log;

    public RecordingToolFunction(AIFunction inner, ToolCallLog log)
        : base(inner)
    {
        _log = log;
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var argumentsJson = JsonSerializer.Serialize(arguments.ToDictionary(pair => pair.Key, pair => pair.Value));
        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
            _log.Add(new ToolCallRecord(Name, argumentsJson, FelAgent.DescribeResult(result), Failed: false));
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The agent sends the error back to the model as the tool's result, so the call is recorded and rethrown.
            _log.Add(new ToolCallRecord(Name, argumentsJson, exception.Message, Failed: true));
            throw;
        }
    }
}
