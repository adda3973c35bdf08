using System.Text.Json;
using System.Text.Json.Serialization;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Messaging;

namespace ModelEngine.HumanTasks.Notifications;

/// <summary>
/// Carries a <see cref="HumanTaskEvent"/> through the outbox. A store writes the event as an outbox row of
/// <see cref="MessageType"/> in the transaction of the task change, and the relay hands it to inboxes, webhooks and
/// e-mail after the commit.
/// </summary>
public static class HumanTaskEventMessage
{
    /// <summary>The reserved outbox message type of task events; it is never a configured workflow message type.</summary>
    public const string MessageType = "modelengine.human-task-event";

    private static readonly JsonSerializerOptions s_options = CreateOptions();

    /// <summary>The outbox row of <paramref name="taskEvent"/>, whose id is the event's id.</summary>
    public static OutboxMessage ToOutboxMessage(HumanTaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        return new OutboxMessage(
            taskEvent.Id,
            taskEvent.Task.WorkflowInstanceId,
            MessageType,
            taskEvent.Task.Id,
            Serialize(taskEvent),
            taskEvent.At);
    }

    public static string Serialize(HumanTaskEvent taskEvent) => JsonSerializer.Serialize(taskEvent, s_options);

    /// <summary>Reads an event that <see cref="Serialize"/> wrote.</summary>
    /// <exception cref="JsonException">The text is not a serialized task event.</exception>
    public static HumanTaskEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HumanTaskEvent>(json, s_options)
            ?? throw new JsonException("The task event payload is the JSON literal null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
