using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// One turn of a multi-turn conversation. The conversation's memory (the most recent <see cref="MemorySize"/>
/// messages) is stored with the workflow instance, under its conversation id, so later Converse activities of the same
/// instance and conversation continue it, also after the instance waited, restarted or moved to another node.
/// </summary>
/// <remarks>
/// In <see cref="ConverseMode.Ask"/> mode the activity sends the system message, the memory and the new human message,
/// then stores both the human message and the model's response. In <see cref="ConverseMode.Record"/> mode it only appends the
/// message, for example a reviewer's edited reply as the assistant's answer, so the next turn builds on the edit. A turn
/// sent while another turn of the same instance and conversation runs is rejected with
/// <see cref="ConversationBusyException"/>'s message, and the memory stays as it was.
/// </remarks>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Sends one turn of a conversation whose memory is kept with the instance.", DisplayName = "Converse")]
public sealed class Converse : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Converse";

    /// <summary>The journal event written after each turn.</summary>
    public const string TurnEvent = "ConversationTurn";

    [Input(Description = "The conversation id. Activities with the same id share one memory within an instance. Empty uses this activity's id.", Order = 0)]
    public Input<string>? ConversationId { get; set; }

    [Input(Description = "Ask sends the message to the model and remembers the answer. Record appends the message to the memory without calling a model.",
        UIHint = UIHints.Dropdown, Options = ["Ask", "Record"], DefaultValue = "Ask", Order = 1)]
    public Input<string>? Mode { get; set; }

    [Input(Description = "The chat model's name under Fel:Models. Needed in Ask mode.", Order = 2)]
    public Input<string>? Model { get; set; }

    [Input(Description = "The message: the human turn in Ask mode, or the text to record in Record mode. A template when 'variables' is set.", UIHint = UIHints.MultiLine, IsRequired = true, Order = 3)]
    public Input<string>? Message { get; set; }

    [Input(Description = "In Record mode, the role of the recorded message: assistant (the default), user or system.", UIHint = UIHints.Dropdown,
        Options = ["assistant", "user", "system"], DefaultValue = "assistant", Order = 4)]
    public Input<string>? Role { get; set; }

    [Input(Description = "In Ask mode, a system message sent first on every turn and not stored in the memory. A template when 'variables' is set.", UIHint = UIHints.MultiLine, Order = 5)]
    public Input<string>? System { get; set; }

    [Input(Description = "The values of the {{name}} placeholders in 'message' and 'system'. Without it the texts are sent as they are.", UIHint = UIHints.JsonEditor,
        DefaultSyntax = "JavaScript", Order = 6)]
    public Input<object>? Variables { get; set; }

    [Input(Description = "The number of recent messages the memory keeps. 20 by default.", DefaultValue = RecentChatMemory.DefaultCapacity, Order = 7)]
    public Input<int?>? MemorySize { get; set; }

    [Output(Description = "The model's response in Ask mode, or the recorded message in Record mode.")]
    public Output<string>? Text { get; set; }

    [Output(Description = "The conversation's memory after the turn: an array of {role, text}.")]
    public Output<object>? History { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        if (LiteralInputs.ReadString(Mode) is { Value: { Length: > 0 } mode } && !Enum.TryParse<ConverseMode>(mode, ignoreCase: true, out _))
        {
            yield return new ValidationError(Id, "mode", mode, ModeMessage(mode));
        }

        if (LiteralInputs.TryReadValue(MemorySize, out var size) && size < 1)
        {
            yield return new ValidationError(Id, "memorySize", size.ToString(), MemorySizeMessage(size.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Converse)";
        var conversationId = await context.EvaluateAsync(ConversationId, "conversationId");
        conversationId = string.IsNullOrWhiteSpace(conversationId) ? Id : conversationId.Trim();
        var modeText = await context.EvaluateAsync(Mode, "mode");
        var mode = ConverseMode.Ask;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new WorkflowFaultException(ModeMessage(modeText));
        }

        var memorySize = await context.EvaluateAsync(MemorySize, "memorySize") ?? RecentChatMemory.DefaultCapacity;
        if (memorySize < 1)
        {
            throw new WorkflowFaultException(MemorySizeMessage(memorySize));
        }

        var variablesValue = await context.EvaluateAsync(Variables, "variables");
        var variables = variablesValue is null ? null : FelInputs.ReadVariables(variablesValue, $"{describe} input 'variables'");
        var message = Render(await context.EvaluateAsync(Message, "message"), variables, $"{describe} template 'message'");
        if (string.IsNullOrEmpty(message))
        {
            throw new WorkflowFaultException($"{describe} has an empty 'message'. Set the human turn (Ask) or the text to record (Record).");
        }

        var gate = context.Services.GetService<ConversationGate>() ?? new ConversationGate();
        IDisposable turn;
        try
        {
            turn = gate.Enter(context.WorkflowInstanceId, conversationId);
        }
        catch (ConversationBusyException exception)
        {
            throw new WorkflowFaultException($"{describe}: {exception.Message}");
        }

        using (turn)
        {
            var state = context.WorkflowContext.State;
            var memory = ConversationMemoryStore.Load(state, conversationId, memorySize);
            var started = context.TimeProvider.GetTimestamp();
            string text;
            double? timeToFirstTokenMs = null;
            if (mode == ConverseMode.Record)
            {
                var role = await context.EvaluateAsync(Role, "role");
                var chatRole = string.IsNullOrWhiteSpace(role) ? ChatRole.Assistant : FelMessages.ParseRole(role, $"{describe} input 'role'");
                memory.Add(new ChatMessage(chatRole, message));
                text = message;
            }
            else
            {
                var model = await context.EvaluateAsync(Model, "model");
                var client = FelServices.GetChatClient(context, describe, model);
                var system = Render(await context.EvaluateAsync(System, "system"), variables, $"{describe} template 'system'");
                var request = new List<ChatMessage>();
                if (!string.IsNullOrEmpty(system))
                {
                    request.Add(new ChatMessage(ChatRole.System, system));
                }

                request.AddRange(memory.Messages);
                var human = new ChatMessage(ChatRole.User, message);
                request.Add(human);
                GenerationResult result;
                try
                {
                    result = await ChatGeneration.GenerateAsync(client, request, null, stream: false, null, context.TimeProvider, context.CancellationToken);
                }
                catch (Exception exception) when (FelServices.DescribeFailure(context, describe, model!, exception) is { } fault)
                {
                    throw fault;
                }

                text = result.Text;
                timeToFirstTokenMs = result.TimeToFirstToken is { } first ? Math.Round(first.TotalMilliseconds, 1) : null;
                memory.Add(human);
                memory.Add(new ChatMessage(ChatRole.Assistant, text));
            }

            ConversationMemoryStore.Save(state, conversationId, memory);
            var elapsed = context.TimeProvider.GetElapsedTime(started);
            context.SetOutput("text", JsonValue.Create(text), Text);
            context.SetOutput("history", FelMessages.ToJson(memory.Messages), History);
            context.Journal(TurnEvent, $"Conversation '{conversationId}' ran one turn in {mode} mode and now holds {memory.Messages.Count} messages.", new JsonObject
            {
                ["conversationId"] = conversationId,
                ["mode"] = mode.ToString(),
                ["messages"] = memory.Messages.Count,
                ["timeToFirstTokenMs"] = timeToFirstTokenMs,
                ["durationMs"] = Math.Round(elapsed.TotalMilliseconds, 1),
            });
        }

        await context.CompleteAsync();
    }

    private static string? Render(string? template, Dictionary<string, object?>? variables, string describe) =>
        template is null || variables is null ? template : FelInputs.Render(template, variables, describe);

    private string ModeMessage(string mode) =>
        $"Activity '{Id}' (Converse) has the mode '{mode}'. Use Ask (send the message to the model) or Record (append it to the memory).";

    private string MemorySizeMessage(int size) =>
        $"Activity '{Id}' (Converse) has memorySize {size}. Use 1 or more, or leave it empty for {RecentChatMemory.DefaultCapacity}.";
}
