using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Registry;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fit.Workflows.Activities;

/// <summary>
/// Calls an operator (a FIT genericable) through <see cref="IFitClient"/> and stores its result in <see cref="Result"/>.
/// The routing rules choose the fitable, unless <see cref="FitableId"/> or <see cref="Alias"/> narrows the choice. The
/// fitable runs in this process when it is loaded here, and on a worker otherwise. A failed call becomes an incident
/// that names the genericable, the fitable when known and the cause. Retrying the instance calls the operator again.
/// </summary>
/// <remarks>
/// The call runs inside the step, so the instance holds its lease while the operator works. Cancelling the step (the
/// server shutting down, for example) cancels the call, and the step is not committed. A stored instance then runs the
/// activity again later, so an operator with side effects may receive the same call twice.
/// </remarks>
[Activity("ModelEngine", "Operators", "Calls an operator (a FIT genericable) and stores its result.", DisplayName = "Invoke operator")]
public sealed class InvokeOperator : Activity
{
    public const string TypeName = "ModelEngine.InvokeOperator";

    /// <summary>The journal event written after each successful call.</summary>
    public const string InvokedEvent = "OperatorInvoked";

    [Input(Description = "The genericable id, such as samples.text.summarize.", IsRequired = true, Order = 0)]
    public Input<string>? GenericableId { get; set; }

    [Input(Description = "The arguments: a JSON array in parameter order, or an object keyed by parameter name. A single other value is the only argument. A literal that starts with [ or { is read as JSON.",
        DefaultSyntax = "JavaScript", Order = 1)]
    public Input<object>? Arguments { get; set; }

    [Input(Description = "Calls only this fitable. Empty lets the routing rules choose.", Category = "Routing", Order = 2)]
    public Input<string>? FitableId { get; set; }

    [Input(Description = "Calls only fitables that carry this alias.", Category = "Routing", Order = 3)]
    public Input<string>? Alias { get; set; }

    [Input(Description = "The maximum time the whole call may take, retries included, as hh:mm:ss or an ISO 8601 duration. Empty uses the genericable's setting.",
        UIHint = UIHints.Duration, Category = "Routing", Order = 4)]
    public Input<TimeSpan?>? Timeout { get; set; }

    [Input(Description = "The number of retries of a failed attempt. Empty uses the genericable's setting.", Category = "Routing", Order = 5)]
    public Input<int?>? Retry { get; set; }

    [Input(Description = "Fails at the first failed fitable instead of calling its degradation target. Off by default, also when fitableId is set.",
        Category = "Routing", Order = 6)]
    public Input<bool>? IgnoreDegradation { get; set; }

    [Output(Description = "The operator's result.")]
    public Output<object>? Result { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        // A missing or blank genericableId literal is reported by the loader's check of required inputs, so it is not
        // reported here a second time.
        if (LiteralArguments() is { } text && !TryParseJson(text, out _, out var problem))
        {
            yield return new ValidationError(Id, "arguments", text,
                $"Activity '{Id}' (InvokeOperator) has the arguments literal '{text}', which starts like JSON but is not valid JSON: {problem} " +
                "Write a JSON array or object, or use an expression.");
        }

        if (LiteralInputs.TryReadValue(Timeout, out var timeout) && timeout <= TimeSpan.Zero)
        {
            yield return new ValidationError(Id, "timeout", timeout.ToString(), TimeoutMessage(timeout.Value));
        }

        if (LiteralInputs.TryReadValue(Retry, out var retry) && retry < 0)
        {
            yield return new ValidationError(Id, "retry", retry.ToString(), RetryMessage(retry.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var genericableId = await context.EvaluateAsync(GenericableId, "genericableId");
        if (string.IsNullOrWhiteSpace(genericableId))
        {
            throw new WorkflowFaultException(MissingGenericableMessage());
        }

        var client = context.Services.GetService<IFitClient>()
            ?? throw new WorkflowFaultException(
                $"Activity '{Id}' (InvokeOperator) cannot call genericable '{genericableId}': FIT is not set up in this server (no IFitClient is registered).");
        var genericable = context.Services.GetService<IFitRegistry>()?.GetGenericable(genericableId);
        var arguments = OperatorArguments.Bind(Id, genericableId, genericable, await EvaluateArgumentsAsync(context));
        var options = await ReadOptionsAsync(context);

        var started = context.TimeProvider.GetTimestamp();
        object? result;
        try
        {
            result = await client.InvokeAsync(genericableId, arguments, options, context.CancellationToken);
        }
        catch (FitException exception)
        {
            throw new WorkflowFaultException(DescribeFailure(genericableId, options.FitableId, exception));
        }
        catch (OperationCanceledException exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The instance was not cancelled, so a layer below the client cancelled the call.
            throw new WorkflowFaultException(
                $"Activity '{Id}' (InvokeOperator) called genericable '{genericableId}'{FitablePart(options.FitableId)}, and the call was cancelled although the instance was not: {exception.Message}. Retry the instance to call the operator again.");
        }

        var elapsed = context.TimeProvider.GetElapsedTime(started);
        context.SetOutput("result", OperatorResults.ToJson(result), Result);
        context.Journal(InvokedEvent, $"Genericable '{genericableId}' returned in {elapsed.TotalMilliseconds:0.#} ms.", new JsonObject
        {
            ["genericableId"] = genericableId,
            ["fitableId"] = options.FitableId,
            ["alias"] = options.Alias,
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds, 1),
        });
        await context.CompleteAsync();
    }

    private async ValueTask<FitCallOptions> ReadOptionsAsync(ActivityExecutionContext context)
    {
        var fitableId = await context.EvaluateAsync(FitableId, "fitableId");
        var alias = await context.EvaluateAsync(Alias, "alias");
        var timeout = await context.EvaluateAsync(Timeout, "timeout");
        var retry = await context.EvaluateAsync(Retry, "retry");
        var ignoreDegradation = await context.EvaluateAsync(IgnoreDegradation, "ignoreDegradation");
        if (timeout <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException(TimeoutMessage(timeout.Value));
        }

        if (retry < 0)
        {
            throw new WorkflowFaultException(RetryMessage(retry.Value));
        }

        return new FitCallOptions
        {
            FitableId = string.IsNullOrWhiteSpace(fitableId) ? null : fitableId,
            Alias = string.IsNullOrWhiteSpace(alias) ? null : alias,
            Timeout = timeout,
            Retry = retry,
            IgnoreDegradation = ignoreDegradation,
        };
    }

    /// <summary>Evaluates the arguments. A literal that starts with [ or { is JSON text and is parsed.</summary>
    private async ValueTask<JsonNode?> EvaluateArgumentsAsync(ActivityExecutionContext context)
    {
        var value = JsonValueFactory.From(await context.EvaluateAsync(Arguments, "arguments"));
        if (LiteralArguments() is not { } text)
        {
            return value;
        }

        if (!TryParseJson(text, out var parsed, out var problem))
        {
            throw new WorkflowFaultException(
                $"Activity '{Id}' (InvokeOperator) has the arguments literal '{text}', which starts like JSON but is not valid JSON: {problem}");
        }

        return parsed;
    }

    /// <summary>Returns the arguments literal when it is text that starts with [ or {, and otherwise <see langword="null"/>.</summary>
    private string? LiteralArguments()
    {
        if (Arguments?.Expression is not { Value: JsonValue value } expression
            || !string.Equals(expression.Type, ExpressionTypes.Literal, StringComparison.OrdinalIgnoreCase)
            || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('[') || trimmed.StartsWith('{') ? text : null;
    }

    private static bool TryParseJson(string text, out JsonNode? node, out string? problem)
    {
        try
        {
            node = JsonNode.Parse(text);
            problem = null;
            return true;
        }
        catch (System.Text.Json.JsonException exception)
        {
            node = null;
            problem = exception.Message;
            return false;
        }
    }

    private string DescribeFailure(string genericableId, string? requestedFitableId, FitException exception)
    {
        var fitableId = exception.FitableId ?? requestedFitableId;
        var where = exception.WorkerId is null ? "" : $" on worker '{exception.WorkerId}'";
        var remote = exception.RemoteErrorType is null ? "" : $" ({exception.RemoteErrorType})";
        return $"Activity '{Id}' (InvokeOperator) failed to call genericable '{exception.GenericableId ?? genericableId}'{FitablePart(fitableId)}{where}: " +
            $"{exception.Code}{remote}: {exception.Message}";
    }

    private static string FitablePart(string? fitableId) => fitableId is null ? "" : $", fitable '{fitableId}'";

    private string MissingGenericableMessage() =>
        $"Activity '{Id}' (InvokeOperator) has no genericable id. Set 'genericableId' to the operator to call, such as samples.text.summarize.";

    private string TimeoutMessage(TimeSpan timeout) =>
        $"Activity '{Id}' (InvokeOperator) has a timeout of {timeout}. Use a positive duration, or leave it empty for the genericable's setting.";

    private string RetryMessage(int retry) =>
        $"Activity '{Id}' (InvokeOperator) has a retry count of {retry}. Use zero or more, or leave it empty for the genericable's setting.";
}
