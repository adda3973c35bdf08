using System.Text;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Serialization;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>
/// A worker written with RabbitMQ.Client alone, doing only what docs/fit-protocol.md specifies, as the Python worker does:
/// it proves the contract is enough and that the caller accepts a response without any MassTransit header but
/// <c>MT-RequestId</c>.
/// </summary>
public sealed class ForeignWorkerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [RabbitMqFact]
    public async Task ACallerAcceptsAResponseShapedLikeThePythonWorkers()
    {
        var uri = RabbitMqTestServer.RequireUri();
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller);
        var workerId = "py-" + Guid.NewGuid().ToString("N")[..8];
        var queue = FitBusNames.WorkerQueue(workerId);

        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: false, autoDelete: true);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);
        await channel.QueueBindAsync(queue, queue, string.Empty);

        var seen = new TaskCompletionSource<(IReadOnlyBasicProperties Properties, FitRequest Request)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var request = FitEnvelope.ReadRequest(delivery.Body.ToArray());
            var headers = delivery.BasicProperties.Headers!;
            var requestId = Encoding.UTF8.GetString((byte[])headers[FitBusHeaders.RequestId]!);
            var responseAddress = Encoding.UTF8.GetString((byte[])headers[FitBusHeaders.ResponseAddress]!);
            seen.TrySetResult((delivery.BasicProperties, request));

            // The response exchange is the last path segment of MT-ResponseAddress, before any query.
            var exchange = new Uri(responseAddress).AbsolutePath.TrimEnd('/').Split('/')[^1];
            var body = FitEnvelope.WriteResponse(new FitResponse
            {
                RequestId = request.RequestId,
                Status = FitResponseStatus.Ok,
                Result = new FitValue(FitValueKind.Utf8, Encoding.UTF8.GetBytes("from python")),
                WorkerId = workerId,
            });
            var properties = new BasicProperties
            {
                ContentType = FitBusHeaders.ContentType,
                Headers = new Dictionary<string, object?> { [FitBusHeaders.RequestId] = requestId },
            };
            await channel.BasicPublishAsync(exchange, string.Empty, mandatory: false, properties, body);
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        // Announce the worker by hand, with a heartbeat envelope on fit.heartbeats.
        var heartbeat = FitEnvelope.WriteHeartbeat(new FitHeartbeat
        {
            WorkerId = workerId,
            NodeId = "python-node",
            Queue = queue,
            Language = "python",
            Fitables = [new Contracts.FitableDescriptor { GenericableId = FitNode.GenericableId, Id = "py" }],
            AliveFor = TimeSpan.FromMinutes(1),
            Sequence = 1,
        });
        // Like a real worker it repeats the heartbeat, since the caller's heartbeat queue may not be bound yet.
        var deadline = DateTime.UtcNow + s_wait;
        while (!caller.Registry.Workers.Any(w => w.WorkerId == workerId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The hand-made heartbeat never registered the worker.");
            await channel.BasicPublishAsync(FitBusNames.HeartbeatExchange, string.Empty, mandatory: false,
                new BasicProperties { ContentType = FitBusHeaders.ContentType }, heartbeat);
            await Task.Delay(100);
        }

        var worker = caller.Registry.GetWorkers(FitNode.GenericableId, "py").Single();
        Assert.Equal("python", worker.Language);
        var response = await caller.Transport.InvokeAsync(worker, FitNode.Request("to python") with { FitableId = "py" }, CancellationToken.None).WaitAsync(s_wait);

        Assert.Equal(FitResponseStatus.Ok, response.Status);
        Assert.Equal("from python", Encoding.UTF8.GetString(response.Result.Data.Span));
        var (sentProperties, sentRequest) = await seen.Task.WaitAsync(s_wait);
        Assert.Equal(FitBusHeaders.ContentType, sentProperties.ContentType);
        Assert.True(Guid.TryParse(sentProperties.MessageId, out _), "The request carries a UUID message_id.");
        Assert.Equal(sentRequest.RequestId, Encoding.UTF8.GetString((byte[])sentProperties.Headers![FitBusHeaders.RequestId]!));
    }
}
