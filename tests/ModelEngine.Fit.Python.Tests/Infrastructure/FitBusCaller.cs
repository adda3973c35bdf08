using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>
/// A caller shaped like MassTransit's request client, written with raw RabbitMQ.Client: it owns a temporary response
/// exchange and queue, names the exchange in <c>MT-ResponseAddress</c>, and matches replies by <c>MT-RequestId</c>.
/// It also listens on <c>fit.heartbeats</c> through its own queue, bound before any worker starts.
/// </summary>
internal sealed class FitBusCaller : IAsyncDisposable
{
    private const string HeartbeatExchange = "fit.heartbeats";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _responseExchange;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WireResponse>> _pending = new();
    private readonly Channel<WireHeartbeat> _heartbeats = Channel.CreateUnbounded<WireHeartbeat>();
    private readonly ConcurrentQueue<string> _problems = new();

    private FitBusCaller(IConnection connection, IChannel channel, string responseExchange)
    {
        _connection = connection;
        _channel = channel;
        _responseExchange = responseExchange;
    }

    /// <summary>Messages that arrived but could not be read, for failure messages.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    public static async Task<FitBusCaller> CreateAsync(string amqpUri, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri) };
        var connection = await factory.CreateConnectionAsync("fit python worker tests", cancellation.Token);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellation.Token);
        var responseExchange = $"fit.test.response.{Guid.NewGuid():N}";
        var caller = new FitBusCaller(connection, channel, responseExchange);

        // The response side, as MassTransit declares a bus's temporary endpoint: an exchange and a queue of one name.
        await channel.ExchangeDeclareAsync(responseExchange, ExchangeType.Fanout, durable: false, autoDelete: true, cancellationToken: cancellation.Token);
        await channel.QueueDeclareAsync(responseExchange, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellation.Token);
        await channel.QueueBindAsync(responseExchange, responseExchange, string.Empty, cancellationToken: cancellation.Token);
        var responses = new AsyncEventingBasicConsumer(channel);
        responses.ReceivedAsync += caller.OnResponseAsync;
        await channel.BasicConsumeAsync(responseExchange, autoAck: true, responses, cancellation.Token);

        // The heartbeat exchange is declared with the arguments the contract gives, so it exists before the worker.
        await channel.ExchangeDeclareAsync(HeartbeatExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellation.Token);
        var heartbeatQueue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellation.Token);
        await channel.QueueBindAsync(heartbeatQueue.QueueName, HeartbeatExchange, string.Empty, cancellationToken: cancellation.Token);
        var heartbeats = new AsyncEventingBasicConsumer(channel);
        heartbeats.ReceivedAsync += caller.OnHeartbeatAsync;
        await channel.BasicConsumeAsync(heartbeatQueue.QueueName, autoAck: true, heartbeats, cancellation.Token);
        return caller;
    }

    /// <summary>Publishes a request to <c>fit.worker.{workerId}</c> and waits for the reply that carries its id.</summary>
    public async Task<WireResponse> CallAsync(
        string workerId, string genericableId, string fitableId, IReadOnlyList<WireValue> arguments, TimeSpan timeout)
    {
        var requestId = Guid.NewGuid().ToString();
        var reply = new TaskCompletionSource<WireResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = reply;
        try
        {
            var responseAddress = $"rabbitmq://127.0.0.1/{_responseExchange}?temporary=true";
            await PublishRequestAsync(workerId, requestId, responseAddress, genericableId, fitableId, arguments, timeout);
            try
            {
                return await reply.Task.WaitAsync(timeout);
            }
            catch (TimeoutException exception)
            {
                throw new TimeoutException(
                    $"No reply to request {requestId} ({genericableId}/{fitableId}) on worker '{workerId}' within {timeout}. " +
                    $"Unreadable messages: {string.Join("; ", _problems)}", exception);
            }
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    /// <summary>
    /// Publishes a request whose replies go to <paramref name="responseAddress"/>, and does not wait for a reply.
    /// </summary>
    public async Task PublishRequestAsync(
        string workerId,
        string requestId,
        string responseAddress,
        string genericableId,
        string fitableId,
        IReadOnlyList<WireValue> arguments,
        TimeSpan timeout)
    {
        var properties = new BasicProperties
        {
            ContentType = FitWire.ContentType,
            MessageId = Guid.NewGuid().ToString(),
            Headers = new Dictionary<string, object?>
            {
                ["MT-RequestId"] = requestId,
                ["MT-ResponseAddress"] = responseAddress,
            },
        };
        var body = FitWire.EncodeRequest(requestId, genericableId, fitableId, arguments, (long)timeout.TotalMilliseconds);
        using var cancellation = new CancellationTokenSource(timeout);
        await _channel.BasicPublishAsync($"fit.worker.{workerId}", string.Empty, mandatory: false, properties, body, cancellation.Token);
    }

    /// <summary>Waits for a heartbeat that <paramref name="match"/> accepts, skipping others.</summary>
    public async Task<WireHeartbeat> WaitForHeartbeatAsync(Func<WireHeartbeat, bool> match, string description, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var seen = new List<WireHeartbeat>();
        try
        {
            while (true)
            {
                var heartbeat = await _heartbeats.Reader.ReadAsync(cancellation.Token);
                if (match(heartbeat))
                {
                    return heartbeat;
                }

                seen.Add(heartbeat);
            }
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException(
                $"No heartbeat {description} within {timeout}. Heartbeats seen: " +
                $"{string.Join("; ", seen.Select(h => $"{h.WorkerId}#{h.Sequence} stopping={h.Stopping}"))}. " +
                $"Unreadable messages: {string.Join("; ", _problems)}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }

    private Task OnResponseAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var headerRequestId = HeaderText(delivery.BasicProperties.Headers, "MT-RequestId");
        try
        {
            var response = FitWire.DecodeResponse(delivery.Body.ToArray(), headerRequestId ?? string.Empty, delivery.BasicProperties.ContentType);
            if (headerRequestId is not null && _pending.TryGetValue(headerRequestId, out var reply))
            {
                reply.TrySetResult(response);
            }
            else
            {
                _problems.Enqueue($"a response for unknown request '{headerRequestId}'");
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            _problems.Enqueue($"an unreadable response for request '{headerRequestId}': {exception.Message}");
        }

        return Task.CompletedTask;
    }

    private Task OnHeartbeatAsync(object sender, BasicDeliverEventArgs delivery)
    {
        try
        {
            _heartbeats.Writer.TryWrite(FitWire.DecodeHeartbeat(delivery.Body.ToArray(), delivery.BasicProperties.ContentType));
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            // Other tests' workers may share the exchange; an unreadable beat is noted, not fatal.
            _problems.Enqueue($"an unreadable heartbeat: {exception.Message}");
        }

        return Task.CompletedTask;
    }

    private static string? HeaderText(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => value?.ToString(),
            }
            : null;
}
