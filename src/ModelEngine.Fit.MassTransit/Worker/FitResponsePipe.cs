using MassTransit;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Serialization;

namespace ModelEngine.Fit.MassTransit.Worker;

/// <summary>
/// Sets the properties of one response: not durable, a new message id, and <c>MT-RequestId</c> copied from the request.
/// A pipe object rather than a lambda, so a response costs one small allocation here instead of a closure and the
/// delegate pipe MassTransit wraps around it.
/// </summary>
internal sealed class FitResponsePipe(Guid? requestId) : IPipe<SendContext<FitResponseMessage>>
{
    public Task Send(SendContext<FitResponseMessage> context)
    {
        context.Durable = false;
        context.MessageId = NewId.NextGuid();
        if (requestId is { } id)
        {
            context.RequestId = id;
            context.Headers.Set(FitBusHeaders.RequestId, id.ToString("D"));
        }

        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateScope("fitResponse");
}
