using System.Threading.Channels;

namespace ModelEngine.Fel.Workflows.Streaming;

/// <summary>A subscriber's view of an instance's generations. Disposing it unsubscribes.</summary>
public sealed class GenerationStreamSubscription : IDisposable
{
    private readonly Channel<GenerationStreamEvent> _channel;
    private readonly Action<GenerationStreamSubscription> _unsubscribe;
    private int _disposed;

    internal GenerationStreamSubscription(string instanceId, Action<GenerationStreamSubscription> unsubscribe)
    {
        InstanceId = instanceId;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateUnbounded<GenerationStreamEvent>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>The instance subscribed to.</summary>
    public string InstanceId { get; }

    /// <summary>The events, in the order the hub received them. The reader completes when the subscription is disposed.</summary>
    public ChannelReader<GenerationStreamEvent> Events => _channel.Reader;

    /// <summary>Unsubscribes and completes <see cref="Events"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Queues an event for the subscriber. The channel is unbounded, so this never waits.</summary>
    internal void Write(GenerationStreamEvent streamEvent) => _channel.Writer.TryWrite(streamEvent);
}
