using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Hands a task to an agent. The model may call tools in a loop, and each result goes back to it, until it responds
/// without a tool call or makes <see cref="MaxSteps"/> model calls. The tools come from the server's tool sources (FIT
/// operators, sub-workflows, MCP servers). Each tool call is journaled with its arguments and a shortened result. When
/// the step limit is reached while the model still requests tools, the instance faults with an incident that reports it.
/// </summary>
/// <remarks>
/// The loop runs inside one step, so a retried instance runs the whole loop again and calls its tools again.
/// </remarks>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Lets a model call tools in a loop until it answers.", Name = "Delegate", DisplayName = "Delegate")]
public sealed class DelegateToAgent : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Delegate";

    /// <summary>The journal event written for each tool call.</summary>
    public const string ToolCalledEvent = "ToolCalled";

    /// <summary>The journal event written when the agent returns its final response.</summary>
    public const string AnsweredEvent = "AgentAnswered";

    /// <summary>The maximum characters of a tool result in the journal and the output.</summary>
    public const int MaxRecordedResultLength = 500;

    [Input(Description = "The chat model's name under Fel:Models. It must support tool calls.", IsRequired = true, Order = 0)]
    public Input<string>? Model { get; set; }

    [Input(Description = "The messages to start from: an array of {role, text}, such as a Prompt activity's output. Optional when 'prompt' is set.",
        UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 1)]
    public Input<object>? Messages { get; set; }

    [Input(Description = "A system message template placed first, such as the agent's instructions.", UIHint = UIHints.MultiLine, Order = 2)]
    public Input<string>? System { get; set; }

    [Input(Description = "The task as a human message template placed last.", UIHint = UIHints.MultiLine, Order = 3)]
    public Input<string>? Prompt { get; set; }

    [Input(Description = "The values of the {{name}} placeholders in 'system' and 'prompt', as an object.", UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 4)]
    public Input<object>? Variables { get; set; }

    [Input(Description = "The names of the tools the agent may call. Empty offers every tool of every tool source.", UIHint = UIHints.MultiText, Order = 5)]
    public Input<string[]>? Tools { get; set; }

    [Input(Description = "The maximum number of model calls. 8 by default.", DefaultValue = FelAgent.DefaultMaxSteps, Order = 6)]
    public Input<int?>? MaxSteps { get; set; }

    [Output(Description = "The agent's final answer.")]
    public Output<string>? Text { get; set; }

    [Output(Description = "The number of model calls made.")]
    public Output<int>? Steps { get; set; }

    [Output(Description = "The tool calls in order: an array of {name, arguments, result, failed}, with results shortened to 500 characters.")]
    public Output<object>? ToolCalls { get; set; }

    protected override IEnumerable<ValidationError> Validate()
    {
        foreach (var error in FelTemplates.ValidateLiterals(this, ("system", System), ("prompt", Prompt)))
        {
            yield return error;
        }

        if (LiteralInputs.TryReadValue(MaxSteps, out var maxSteps) && maxSteps < 1)
        {
            yield return new ValidationError(Id, "maxSteps", maxSteps.ToString(), MaxStepsMessage(maxSteps.Value));
        }
    }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Delegate)";
        var model = await context.EvaluateAsync(Model, "model");
        var messages = await ReadMessagesAsync(context, describe);
        var maxSteps = await context.EvaluateAsync(MaxSteps, "maxSteps") ?? FelAgent.DefaultMaxSteps;
        if (maxSteps < 1)
        {
            throw new WorkflowFaultException(MaxStepsMessage(maxSteps));
        }

        var requested = (await context.EvaluateAsync(Tools, "tools") ?? [])
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var client = FelServices.GetChatClient(context, describe, model);
        var log = new ToolCallLog();
        var tools = await CollectToolsAsync(context, describe, requested, log);

        AgentResult result;
        try
        {
            result = await new FelAgent(client, tools, maxSteps).RunAsync(messages, cancellationToken: context.CancellationToken);
        }
        catch (Exception exception) when (FelServices.DescribeFailure(context, describe, model!, exception) is { } fault)
        {
            throw fault;
        }

        var calls = log.Calls;
        var callsJson = new JsonArray();
        foreach (var call in calls)
        {
            var recorded = new JsonObject
            {
                ["name"] = call.Name,
                ["arguments"] = call.Arguments,
                ["result"] = Shorten(call.Result),
                ["failed"] = call.Failed,
            };
            callsJson.Add(recorded);
            context.Journal(ToolCalledEvent, $"The agent called tool '{call.Name}'{(call.Failed ? ", which failed" : "")}.", recorded.DeepClone());
        }

        if (result.StepLimitReached)
        {
            throw new WorkflowFaultException(
                $"{describe} reached its step limit of {maxSteps} model calls while the model still asked for tools (tool calls made: {result.ToolCalls}). " +
                "Raise 'maxSteps', or narrow the task or the tools offered.");
        }

        context.SetOutput("text", JsonValue.Create(result.Text), Text);
        context.SetOutput("steps", JsonValue.Create(result.Steps), Steps);
        context.SetOutput("toolCalls", callsJson, ToolCalls);
        context.Journal(AnsweredEvent, $"The agent answered after {result.Steps} model calls and {result.ToolCalls} tool calls.", new JsonObject
        {
            ["model"] = model,
            ["steps"] = result.Steps,
            ["toolCalls"] = result.ToolCalls,
        });
        await context.CompleteAsync();
    }

    private static async ValueTask<List<AIFunction>> CollectToolsAsync(ActivityExecutionContext context, string describe, List<string> requested, ToolCallLog log)
    {
        var sources = context.Services.GetServices<IFelToolSource>().ToList();
        if (sources.Count == 0 && requested.Count > 0)
        {
            throw new WorkflowFaultException(
                $"{describe} asks for tools ({string.Join(", ", requested)}), but this server has no tool source (IFelToolSource). Add the FEL tool module, or clear 'tools'.");
        }

        var filter = requested.Count == 0 ? null : requested;
        var tools = new Dictionary<string, (AIFunction Tool, string Source)>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            IReadOnlyList<AIFunction> offered;
            try
            {
                offered = await source.GetToolsAsync(filter, context.CancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                throw new WorkflowFaultException($"{describe} could not list the tools of source '{source.Name}': {exception.Message}");
            }

            foreach (var tool in offered)
            {
                if (tools.TryGetValue(tool.Name, out var existing))
                {
                    throw new WorkflowFaultException(
                        $"{describe} found tool '{tool.Name}' in two sources, '{existing.Source}' and '{source.Name}'. Rename one of them so that tool names are unique.");
                }

                tools[tool.Name] = (tool, source.Name);
            }
        }

        var missing = requested.Where(name => !tools.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            var known = tools.Count == 0 ? "none" : string.Join(", ", tools.Keys.Order(StringComparer.Ordinal));
            throw new WorkflowFaultException(
                $"{describe} asks for tools that no tool source offers: {string.Join(", ", missing)} (sources: {string.Join(", ", sources.Select(s => s.Name))}; found: {known}). Fix the names in 'tools'.");
        }

        return tools.Values.Select(entry => (AIFunction)new RecordingToolFunction(entry.Tool, log)).ToList();
    }

    private ValueTask<List<ChatMessage>> ReadMessagesAsync(ActivityExecutionContext context, string describe) =>
        FelMessages.ComposeAsync(context, describe, Messages, System, Prompt, Variables, "has no task. Set 'prompt' or 'messages'.");

    private static string Shorten(string text) =>
        text.Length <= MaxRecordedResultLength ? text : string.Concat(text.AsSpan(0, MaxRecordedResultLength), "…");

    private string MaxStepsMessage(int maxSteps) =>
        $"Activity '{Id}' (Delegate) has maxSteps {maxSteps}. Use 1 or more, or leave it empty for {FelAgent.DefaultMaxSteps}.";
}
