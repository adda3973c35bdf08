using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Calls a chat model once and stores its response. The messages come from <see cref="Messages"/> (a Prompt activity's
/// output), from the <see cref="System"/> and <see cref="Prompt"/> templates, or both: the system message goes first
/// and the prompt last. With <see cref="Stream"/> on, every streamed token goes to the generation stream hub, which the
/// server serves as server-sent events. The journal records the time to first token and the duration.
/// </summary>
/// <remarks>
/// The call runs inside the step, so the instance holds its lease while the model generates its response. Cancelling
/// the step cancels the call, and a stored instance runs the activity again later, calling the model a second time.
/// </remarks>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Calls a chat model, blocking or streaming, and stores its answer.", DisplayName = "Generate")]
public sealed class Generate : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Generate";

    /// <summary>The journal event written after each successful call.</summary>
    public const string GeneratedEvent = "GenerationCompleted";

    [Input(Description = "The chat model's name under Fel:Models, such as 'drafting'.", IsRequired = true, Order = 0)]
    public Input<string>? Model { get; set; }

    [Input(Description = "The messages to send: an array of {role, text}, usually a Prompt activity's output. Optional when 'prompt' is set.",
        UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 1)]
    public Input<object>? Messages { get; set; }

    [Input(Description = "A system message template placed first. Empty leaves it out.", UIHint = UIHints.MultiLine, Order = 2)]
    public Input<string>? System { get; set; }

    [Input(Description = "A human message template placed last, such as 'Translate: {{text}}'. Empty leaves it out.", UIHint = UIHints.MultiLine, Order = 3)]
    public Input<string>? Prompt { get; set; }

    [Input(Description = "The values of the {{name}} placeholders in 'system' and 'prompt', as an object.", UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 4)]
    public Input<object>? Variables { get; set; }

    [Input(Description = "Streams the answer token by token to GET /api/workflow-instances/{id}/generations/stream. Off by default.", UIHint = UIHints.Checkbox, Order = 5)]
    public Input<bool>? Stream { get; set; }

    [Input(Description = "The sampling temperature, such as 0.2. Empty uses the model's default.", Category = "Sampling", Order = 6)]
    public Input<double?>? Temperature { get; set; }

    [Input(Description = "The maximum number of tokens in the answer. Empty uses the model's default.", Category = "Sampling", Order = 7)]
    public Input<int?>? MaxTokens { get; set; }

    [Output(Description = "The response's text.")]
    public Output<string>? Text { get; set; }

    [Output(Description = "The response with its details: {text, finishReason, modelId, usage: {inputTokens, outputTokens, totalTokens}}.")]
    public Output<object>? Response { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        foreach (var error in FelTemplates.ValidateLiterals(this, ("system", System), ("prompt", Prompt)))
        {
            yield return error;
        }

        if (LiteralInputs.TryReadValue(MaxTokens, out var maxTokens) && maxTokens < 1)
        {
            yield return new ValidationError(Id, "maxTokens", maxTokens.ToString(), MaxTokensMessage(maxTokens.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Generate)";
        var model = await context.EvaluateAsync(Model, "model");
        var messages = await ReadMessagesAsync(context, describe);
        var options = await ReadOptionsAsync(context);
        var stream = await context.EvaluateAsync(Stream, "stream");
        var client = FelServices.GetChatClient(context, describe, model);

        var hub = stream ? FelServices.GetStreamHub(context) : null;
        var observer = hub is null ? null : new HubObserver(hub, context.WorkflowInstanceId, Id);
        GenerationResult result;
        try
        {
            result = await ChatGeneration.GenerateAsync(client, messages, options, stream, observer, context.TimeProvider, context.CancellationToken);
        }
        catch (Exception exception) when (FelServices.DescribeFailure(context, describe, model!, exception) is { } fault)
        {
            hub?.Publish(new GenerationStreamEvent(context.WorkflowInstanceId, Id, GenerationStreamEventKind.Failed, "", Error: fault.Message));
            throw fault;
        }
        catch (Exception exception)
        {
            hub?.Publish(new GenerationStreamEvent(context.WorkflowInstanceId, Id, GenerationStreamEventKind.Failed, "", Error: exception.Message));
            throw;
        }

        var timeToFirstTokenMs = result.TimeToFirstToken is { } first ? Math.Round(first.TotalMilliseconds, 1) : (double?)null;
        hub?.Publish(new GenerationStreamEvent(context.WorkflowInstanceId, Id, GenerationStreamEventKind.Completed, result.Text, timeToFirstTokenMs));

        var response = DescribeResponse(result.Response);
        context.SetOutput("text", JsonValue.Create(result.Text), Text);
        context.SetOutput("response", response, Response);
        context.Journal(GeneratedEvent, $"Model '{model}' answered in {result.Duration.TotalMilliseconds:0.#} ms.", new JsonObject
        {
            ["model"] = model,
            ["stream"] = stream,
            ["timeToFirstTokenMs"] = timeToFirstTokenMs,
            ["durationMs"] = Math.Round(result.Duration.TotalMilliseconds, 1),
            ["chunks"] = result.Chunks,
            ["finishReason"] = response["finishReason"]?.DeepClone(),
            ["usage"] = response["usage"]?.DeepClone(),
        });
        await context.CompleteAsync();
    }

    /// <summary>Writes the parts of a response that a process may branch on: text, finish reason, model id and token usage.</summary>
    internal static JsonObject DescribeResponse(ChatResponse response) => new()
    {
        ["text"] = response.Text,
        ["finishReason"] = response.FinishReason?.Value,
        ["modelId"] = response.ModelId,
        ["usage"] = response.Usage is { } usage
            ? new JsonObject
            {
                ["inputTokens"] = usage.InputTokenCount,
                ["outputTokens"] = usage.OutputTokenCount,
                ["totalTokens"] = usage.TotalTokenCount,
            }
            : null,
    };

    private ValueTask<List<ChatMessage>> ReadMessagesAsync(ActivityExecutionContext context, string describe) =>
        FelMessages.ComposeAsync(context, describe, Messages, System, Prompt, Variables, "has nothing to send. Set 'messages' (for example a Prompt activity's output) or 'prompt'.");

    private async ValueTask<ChatOptions> ReadOptionsAsync(ActivityExecutionContext context)
    {
        var temperature = await context.EvaluateAsync(Temperature, "temperature");
        var maxTokens = await context.EvaluateAsync(MaxTokens, "maxTokens");
        if (maxTokens < 1)
        {
            throw new WorkflowFaultException(MaxTokensMessage(maxTokens.Value));
        }

        return new ChatOptions { Temperature = (float?)temperature, MaxOutputTokens = maxTokens };
    }

    private string MaxTokensMessage(int maxTokens) =>
        $"Activity '{Id}' (Generate) has maxTokens {maxTokens}. Use 1 or more, or leave it empty for the model's default.";

    /// <summary>Forwards each streamed token to the hub.</summary>
    private sealed class HubObserver(IGenerationStreamHub hub, string instanceId, string activityId) : IGenerationObserver
    {
        public ValueTask OnUpdateAsync(ChatResponseUpdate update, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                hub.Publish(new GenerationStreamEvent(instanceId, activityId, GenerationStreamEventKind.Token, update.Text));
            }

            return ValueTask.CompletedTask;
        }
    }
}
