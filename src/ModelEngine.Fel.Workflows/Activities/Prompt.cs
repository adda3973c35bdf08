using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Renders system, human and assistant message templates into the messages of one model call. Placeholders are written
/// <c>{{name}}</c> and take their values from <see cref="Variables"/>. A placeholder without a value faults the instance
/// with an incident that names it. The messages go to a Generate or Delegate activity through its <c>messages</c> input.
/// </summary>
[Activity(FelActivityNames.Namespace, FelActivityNames.Category, "Renders prompt templates into chat messages for a model.", DisplayName = "Prompt")]
public sealed class Prompt : Activity
{
    public const string TypeName = FelActivityNames.Namespace + ".Prompt";

    [Input(Description = "The system message template, such as 'You answer customers of {{company}}.' Empty leaves it out.", UIHint = UIHints.MultiLine, Order = 0)]
    public Input<string>? System { get; set; }

    [Input(Description = "Earlier messages placed after the system message: an array of {role, text}, such as a Converse memory.", UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 1)]
    public Input<object>? History { get; set; }

    [Input(Description = "An assistant message template placed before the human message, for a worked example. Empty leaves it out.", UIHint = UIHints.MultiLine, Order = 2)]
    public Input<string>? Assistant { get; set; }

    [Input(Description = "The human (user) message template, such as 'Summarize: {{text}}'.", UIHint = UIHints.MultiLine, Order = 3)]
    public Input<string>? Human { get; set; }

    [Input(Description = "The placeholder values: an object such as {\"text\": \"…\"}. Every {{name}} in the templates needs a value.", UIHint = UIHints.JsonEditor, DefaultSyntax = "JavaScript", Order = 4)]
    public Input<object>? Variables { get; set; }

    [Output(Description = "The rendered messages: an array of {role, text}.")]
    public Output<object>? Messages { get; set; }

    protected override IEnumerable<ValidationError> Validate() =>
        FelTemplates.ValidateLiterals(this, ("system", System), ("assistant", Assistant), ("human", Human));

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var describe = $"Activity '{Id}' (Prompt)";
        var system = await context.EvaluateAsync(System, "system");
        var assistant = await context.EvaluateAsync(Assistant, "assistant");
        var human = await context.EvaluateAsync(Human, "human");
        var history = FelMessages.FromJson(FelInputs.AsJson(await context.EvaluateAsync(History, "history"), $"{describe} input 'history'"), $"{describe} input 'history'");
        var variables = FelInputs.ReadVariables(await context.EvaluateAsync(Variables, "variables"), $"{describe} input 'variables'");
        if (string.IsNullOrEmpty(system) && string.IsNullOrEmpty(assistant) && string.IsNullOrEmpty(human) && history.Count == 0)
        {
            throw new WorkflowFaultException($"{describe} has no message. Set at least one of 'system', 'human' or 'assistant'.");
        }

        var template = new ChatPromptTemplate();
        if (!string.IsNullOrEmpty(system))
        {
            template.System(system);
        }

        template.History();
        if (!string.IsNullOrEmpty(assistant))
        {
            template.Assistant(assistant);
        }

        if (!string.IsNullOrEmpty(human))
        {
            template.Human(human);
        }

        IList<Microsoft.Extensions.AI.ChatMessage> messages;
        try
        {
            messages = template.Render(variables, history);
        }
        catch (PromptTemplateException exception)
        {
            throw new WorkflowFaultException($"{describe}: {exception.Message}");
        }

        context.SetOutput("messages", FelMessages.ToJson(messages), Messages);
        await context.CompleteAsync();
    }
}
