using MassTransit;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Serialization;

namespace ModelEngine.Fit.MassTransit.Transport;

/// <summary>
/// Sets the properties and headers of one request (docs/fit-protocol.md, section Bus). A pipe object rather than a
/// lambda, so a request costs one small allocation here instead of a closure and the delegate pipe around it.
/// </summary>
internal sealed class FitRequestPipe(Guid requestId, string requestIdText, Uri responseAddress, string responseAddressText, TimeSpan timeout, string? traceParent)
    : IPipe<SendContext<FitRequestMessage>>
{
    public Task Send(SendContext<FitRequestMessage> context)
    {
        context.RequestId = requestId;
        context.ResponseAddress = responseAddress;
        context.MessageId = NewId.NextGuid();
        context.TimeToLive = timeout;
        context.Durable = false;

        // Set here as well as in the serializer: a filter may have built the body before this pipe ran.
        context.Headers.Set(FitBusHeaders.RequestId, requestIdText);
        context.Headers.Set(FitBusHeaders.ResponseAddress, responseAddressText);
        if (traceParent is not null)
        {
            context.Headers.Set(FitBusHeaders.TraceParent, traceParent);
        }

        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateScope("fitRequest");
}
