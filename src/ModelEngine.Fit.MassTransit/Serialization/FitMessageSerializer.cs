using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;
using ModelEngine.Fit.MassTransit.Messages;

namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>
/// The raw binary serializer of the FIT bus. A message body is the FlatBuffers envelope and nothing else. The request
/// id and response address travel as transport headers, so a worker in another language needs no MassTransit envelope.
/// </summary>
internal sealed class FitMessageSerializer : IMessageSerializer, IMessageDeserializer
{
    public static readonly ContentType FitContentType = new(FitBusHeaders.ContentType);

    public ContentType ContentType => FitContentType;

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("fit");
        scope.Add("contentType", FitBusHeaders.ContentType);
    }

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        if (context.Message is not IFitBusMessage message)
        {
            throw new NotSupportedException(
                $"The FIT bus carries only FIT envelopes; {typeof(T).Name} is not an {nameof(IFitBusMessage)}.");
        }

        // Only the headers of the contract go out, so that a worker in another language receives exactly what docs/fit-protocol.md lists.
        // The transport's own pipes set them already. Formatting them again would only cost time.
        if (context.RequestId is { } requestId && !context.Headers.TryGetHeader(FitBusHeaders.RequestId, out _))
        {
            context.Headers.Set(FitBusHeaders.RequestId, requestId.ToString("D"));
        }

        if (context.ResponseAddress is { } responseAddress && !context.Headers.TryGetHeader(FitBusHeaders.ResponseAddress, out _))
        {
            context.Headers.Set(FitBusHeaders.ResponseAddress, responseAddress.ToString());
        }

        return new FitMessageBody(message.Body);
    }

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        // The transport lends the body only while the delivery runs, so the message gets its own array.
        var messageContext = new RawMessageContext(headers, destinationAddress, RawSerializerOptions.Default);
        return new FitSerializerContext(this, messageContext, body.GetBytes());
    }

    public MessageBody GetMessageBody(string text) => new FitMessageBody(Convert.FromBase64String(text));
}
