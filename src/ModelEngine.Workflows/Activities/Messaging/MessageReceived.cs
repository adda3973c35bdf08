using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Messaging;

/// <summary>
/// Waits for a message of a configured type from the bus. With <see cref="CorrelationId"/> set, only a message with
/// that correlation id resumes it. The message's payload becomes <see cref="Result"/>.
/// </summary>
/// <remarks>
/// Elsa 3 generates one receive activity per message class instead of one generic activity, so no <c>Elsa.*</c> name
/// maps to this one.
/// </remarks>
[Activity("ModelEngine", "Messaging", "Waits for a message from the bus.", Kind = "Trigger")]
public sealed class MessageReceived : Activity
{
    public const string TypeName = "ModelEngine.MessageReceived";
    public const string MessageTypeProperty = "messageType";
    public const string CorrelationIdProperty = "correlationId";

    [Input(Description = "A message type name listed in Messaging:MessageTypes.", IsRequired = true)]
    public Input<string>? MessageType { get; set; }

    [Input(Description = "Accept only messages with this correlation id. Empty accepts any.")]
    public Input<string>? CorrelationId { get; set; }

    [Output(Description = "The payload of the received message.")]
    public Output<object>? Result { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var messageType = await context.EvaluateAsync(MessageType, "messageType");
        context.Services.GetRequiredService<MessageTypeCatalog>().ThrowIfUnknown(Id, "MessageReceived", messageType);

        var correlationId = await context.EvaluateAsync(CorrelationId, "correlationId");
        var payload = new JsonObject { [MessageTypeProperty] = messageType };
        if (!string.IsNullOrEmpty(correlationId))
        {
            payload[CorrelationIdProperty] = correlationId;
        }

        context.CreateBookmark(payload);
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.SetOutput("result", context.ResumeInput, Result);
        await context.CompleteAsync();
    }
}
