using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Messaging;

/// <summary>
/// Sends a message of a configured type. The message is written to the outbox in this step's commit and published on
/// the bus after the commit, so it is sent only when the step commits, and at least once. <see cref="Result"/> is the
/// message id.
/// </summary>
/// <remarks>
/// Elsa 3 generates one publish activity per message class instead of one generic activity, so no <c>Elsa.*</c> name
/// maps to this one.
/// </remarks>
[Activity("ModelEngine", "Messaging", "Publishes a message on the bus after the step commits.")]
public sealed class PublishMessage : Activity
{
    public const string TypeName = "ModelEngine.PublishMessage";

    [Input(Description = "A message type name listed in Messaging:MessageTypes.", IsRequired = true)]
    public Input<string>? MessageType { get; set; }

    [Input(Description = "The correlation id that receivers may filter on. Empty sends the instance's own correlation id.")]
    public Input<string>? CorrelationId { get; set; }

    [Input(Description = "The message body.", DefaultSyntax = "JavaScript")]
    public Input<object>? Payload { get; set; }

    [Output(Description = "The id of the published message.")]
    public Output<string>? Result { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var messageType = await context.EvaluateAsync(MessageType, "messageType");
        context.Services.GetRequiredService<MessageTypeCatalog>().ThrowIfUnknown(Id, "PublishMessage", messageType);

        var correlationId = await context.EvaluateAsync(CorrelationId, "correlationId");
        if (string.IsNullOrEmpty(correlationId))
        {
            correlationId = context.WorkflowContext.State.CorrelationId;
        }

        var payload = await context.EvaluateAsync(Payload, "payload");
        var message = new OutboxMessage(
            WorkflowExecutionContext.NewId(),
            context.WorkflowInstanceId,
            messageType!,
            correlationId,
            Models.JsonValueFactory.From(payload)?.ToJsonString(),
            context.TimeProvider.GetUtcNow());
        context.AddChange(message);
        context.SetOutput("result", System.Text.Json.Nodes.JsonValue.Create(message.Id), Result);
        await context.CompleteAsync();
    }
}
