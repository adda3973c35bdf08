using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Serialization;
using ModelEngine.Fit.MassTransit.Messages;

namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>
/// A received FIT body. Any of the FIT message types can be read from it. The consumer that decodes it checks which
/// envelope it contains, so a response without a message-type header, as a foreign worker sends it, is accepted.
/// </summary>
internal sealed class FitSerializerContext(FitMessageSerializer serializer, MessageContext messageContext, byte[] body)
    : BaseSerializerContext(SystemTextJsonMessageSerializer.Instance, messageContext, s_messageTypes)
{
    private static readonly string[] s_messageTypes =
    [
        MessageUrn.ForTypeString<FitRequestMessage>(),
        MessageUrn.ForTypeString<FitResponseMessage>(),
        MessageUrn.ForTypeString<FitHeartbeatMessage>(),
    ];

    public override bool IsSupportedMessageType<T>() => IsSupportedMessageType(typeof(T));

    public override bool IsSupportedMessageType(Type messageType) =>
        messageType == typeof(FitRequestMessage) || messageType == typeof(FitResponseMessage) || messageType == typeof(FitHeartbeatMessage);

    public override bool TryGetMessage<T>(out T? message)
        where T : class
    {
        message = TryGetMessage(typeof(T), out var value) ? (T)value : null;
        return message is not null;
    }

    public override bool TryGetMessage(Type messageType, [NotNullWhen(true)] out object? message)
    {
        message = messageType == typeof(FitRequestMessage) ? new FitRequestMessage(body)
            : messageType == typeof(FitResponseMessage) ? new FitResponseMessage(body)
            : messageType == typeof(FitHeartbeatMessage) ? new FitHeartbeatMessage(body)
            : null;
        return message is not null;
    }

    public override IMessageSerializer GetMessageSerializer() => serializer;

    public override IMessageSerializer GetMessageSerializer<T>(MessageEnvelope envelope, T message) => serializer;

    public override IMessageSerializer GetMessageSerializer(object message, string[] messageTypes) => serializer;

    public override Dictionary<string, object> ToDictionary<T>(T? message)
        where T : class => new(StringComparer.OrdinalIgnoreCase);
}
