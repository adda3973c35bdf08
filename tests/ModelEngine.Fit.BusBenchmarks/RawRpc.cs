using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>
/// The baseline: request/response written directly on RabbitMQ.Client, with a server queue and direct reply-to, and
/// no serializer beyond the bytes themselves.
/// </summary>
internal sealed class RawRpc : IAsyncDisposable
{
    private const string ReplyTo = "amq.rabbitmq.reply-to";
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReadOnlyMemory<byte>>> _pending = new();
    private IConnection _connection = null!;
    private IChannel _server = null!;
    private IChannel _client = null!;
    private string _queue = null!;

    public static async Task<RawRpc> StartAsync(string uri)
    {
        var rpc = new RawRpc();
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        rpc._connection = await factory.CreateConnectionAsync();
        rpc._server = await rpc._connection.CreateChannelAsync();
        rpc._client = await rpc._connection.CreateChannelAsync();
        rpc._queue = (await rpc._server.QueueDeclareAsync("raw.rpc." + Guid.NewGuid().ToString("N")[..8], durable: false, exclusive: true, autoDelete: true)).QueueName;

        var server = new AsyncEventingBasicConsumer(rpc._server);
        server.ReceivedAsync += async (_, delivery) =>
        {
            var properties = new BasicProperties { CorrelationId = delivery.BasicProperties.CorrelationId };
            await rpc._server.BasicPublishAsync(string.Empty, delivery.BasicProperties.ReplyTo!, mandatory: false, properties, ReadOnlyMemory<byte>.Empty);
        };
        await rpc._server.BasicConsumeAsync(rpc._queue, autoAck: true, server);

        var client = new AsyncEventingBasicConsumer(rpc._client);
        client.ReceivedAsync += (_, delivery) =>
        {
            if (rpc._pending.TryRemove(delivery.BasicProperties.CorrelationId!, out var call))
            {
                call.TrySetResult(delivery.Body.ToArray());
            }

            return Task.CompletedTask;
        };
        await rpc._client.BasicConsumeAsync(ReplyTo, autoAck: true, client);
        return rpc;
    }

    public async Task CallAsync(ReadOnlyMemory<byte> body)
    {
        var id = Guid.NewGuid().ToString("N");
        var call = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = call;
        await _client.BasicPublishAsync(string.Empty, _queue, mandatory: false, new BasicProperties { CorrelationId = id, ReplyTo = ReplyTo }, body);
        await call.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
