using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>
/// The baseline: request/response written directly on RabbitMQ.Client, with no serializer beyond the bytes themselves.
/// By default the request goes to a server queue and the response comes back by direct reply-to. With
/// <c>busShaped</c>, both legs take the route the FIT bus contract prescribes instead: a fanout exchange per side, a
/// real response queue, a request id and a response address in headers, and acknowledgements after handling, so the
/// difference to the FIT call is what MassTransit and the FIT transport add rather than what the broker does.
/// </summary>
internal sealed class RawRpc : IAsyncDisposable
{
    private const string DirectReplyTo = "amq.rabbitmq.reply-to";
    private const string IdHeader = "request-id";
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReadOnlyMemory<byte>>> _pending = new();
    private IConnection _connection = null!;
    private IChannel _server = null!;
    private IChannel _client = null!;
    private string _queue = null!;
    private string _replyTo = null!;
    private bool _busShaped;

    public static async Task<RawRpc> StartAsync(string uri, bool busShaped = false)
    {
        var rpc = new RawRpc { _busShaped = busShaped };
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        rpc._connection = await factory.CreateConnectionAsync();
        rpc._server = await rpc._connection.CreateChannelAsync();
        rpc._client = await rpc._connection.CreateChannelAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var queue = rpc._queue = (await rpc._server.QueueDeclareAsync("raw.rpc." + suffix, durable: false, exclusive: true, autoDelete: true)).QueueName;
        rpc._replyTo = DirectReplyTo;
        if (busShaped)
        {
            await rpc._server.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: false, autoDelete: true);
            await rpc._server.QueueBindAsync(queue, queue, string.Empty);
            rpc._replyTo = "raw.rpc.reply." + suffix;
            await rpc._client.ExchangeDeclareAsync(rpc._replyTo, ExchangeType.Fanout, durable: false, autoDelete: true);
            await rpc._client.QueueDeclareAsync(rpc._replyTo, durable: false, exclusive: true, autoDelete: true);
            await rpc._client.QueueBindAsync(rpc._replyTo, rpc._replyTo, string.Empty);
        }

        var server = new AsyncEventingBasicConsumer(rpc._server);
        server.ReceivedAsync += async (_, delivery) =>
        {
            if (busShaped)
            {
                var headers = delivery.BasicProperties.Headers!;
                var properties = new BasicProperties { Headers = new Dictionary<string, object?> { [IdHeader] = headers[IdHeader] } };
                var replyExchange = System.Text.Encoding.UTF8.GetString((byte[])headers["response-address"]!);
                await rpc._server.BasicPublishAsync(replyExchange, string.Empty, mandatory: false, properties, ReadOnlyMemory<byte>.Empty);
                await rpc._server.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
            else
            {
                var properties = new BasicProperties { CorrelationId = delivery.BasicProperties.CorrelationId };
                await rpc._server.BasicPublishAsync(string.Empty, delivery.BasicProperties.ReplyTo!, mandatory: false, properties, ReadOnlyMemory<byte>.Empty);
            }
        };
        await rpc._server.BasicConsumeAsync(queue, autoAck: !busShaped, server);

        var client = new AsyncEventingBasicConsumer(rpc._client);
        client.ReceivedAsync += async (_, delivery) =>
        {
            var id = busShaped
                ? System.Text.Encoding.UTF8.GetString((byte[])delivery.BasicProperties.Headers![IdHeader]!)
                : delivery.BasicProperties.CorrelationId!;
            if (rpc._pending.TryRemove(id, out var call))
            {
                call.TrySetResult(delivery.Body.ToArray());
            }

            if (busShaped)
            {
                await rpc._client.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
        };
        await rpc._client.BasicConsumeAsync(rpc._replyTo, autoAck: !busShaped, client);
        return rpc;
    }

    public async Task CallAsync(ReadOnlyMemory<byte> body)
    {
        var id = Guid.NewGuid().ToString("D");
        var call = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = call;
        var properties = _busShaped
            ? new BasicProperties { Headers = new Dictionary<string, object?> { [IdHeader] = id, ["response-address"] = _replyTo } }
            : new BasicProperties { CorrelationId = id, ReplyTo = DirectReplyTo };
        // Bus-shaped, the request goes to the queue's fanout exchange; otherwise to the queue through the default exchange.
        await _client.BasicPublishAsync(_busShaped ? _queue : string.Empty, _busShaped ? string.Empty : _queue, mandatory: false, properties, body);
        await call.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
