namespace ModelEngine.Fel.Workflows.Streaming;

/// <summary>
/// The in-process <see cref="IGenerationStreamHub"/>. It keeps, per instance, the subscribers and the tokens of the
/// generations still running, and removes an instance once it has neither.
/// </summary>
/// <remarks>
/// One lock guards all instances. Publishing a token is a dictionary lookup and one channel write per subscriber, so
/// the lock is held briefly. Each subscriber has an unbounded channel, so the channel of a slow client
/// buffers the tokens it has not read yet and no more.
/// </remarks>
public sealed class GenerationStreamHub : IGenerationStreamHub
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, InstanceStreams> _instances = new(StringComparer.Ordinal);

    /// <summary>The number of instances with a running generation or a subscriber, for tests and diagnostics.</summary>
    internal int TrackedInstances
    {
        get
        {
            lock (_lock)
            {
                return _instances.Count;
            }
        }
    }

    public void Publish(GenerationStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        lock (_lock)
        {
            if (!_instances.TryGetValue(streamEvent.InstanceId, out var streams))
            {
                if (streamEvent.Kind != GenerationStreamEventKind.Token)
                {
                    // No subscriber exists and no tokens are kept for this instance, so the end of a generation changes nothing.
                    return;
                }

                streams = new InstanceStreams();
                _instances[streamEvent.InstanceId] = streams;
            }

            if (streamEvent.Kind == GenerationStreamEventKind.Token)
            {
                if (!streams.Running.TryGetValue(streamEvent.ActivityId, out var tokens))
                {
                    tokens = [];
                    streams.Running[streamEvent.ActivityId] = tokens;
                }

                tokens.Add(streamEvent);
            }
            else
            {
                streams.Running.Remove(streamEvent.ActivityId);
            }

            foreach (var subscriber in streams.Subscribers)
            {
                subscriber.Write(streamEvent);
            }

            ForgetIfIdle(streamEvent.InstanceId, streams);
        }
    }

    public GenerationStreamSubscription Subscribe(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var subscription = new GenerationStreamSubscription(instanceId, Unsubscribe);
        lock (_lock)
        {
            if (!_instances.TryGetValue(instanceId, out var streams))
            {
                streams = new InstanceStreams();
                _instances[instanceId] = streams;
            }

            foreach (var tokens in streams.Running.Values)
            {
                foreach (var token in tokens)
                {
                    subscription.Write(token);
                }
            }

            streams.Subscribers.Add(subscription);
        }

        return subscription;
    }

    private void Unsubscribe(GenerationStreamSubscription subscription)
    {
        lock (_lock)
        {
            if (_instances.TryGetValue(subscription.InstanceId, out var streams))
            {
                streams.Subscribers.Remove(subscription);
                ForgetIfIdle(subscription.InstanceId, streams);
            }
        }
    }

    private void ForgetIfIdle(string instanceId, InstanceStreams streams)
    {
        if (streams.Running.Count == 0 && streams.Subscribers.Count == 0)
        {
            _instances.Remove(instanceId);
        }
    }

    /// <summary>The running generations (activity id to its tokens so far) and the subscribers of one instance.</summary>
    private sealed class InstanceStreams
    {
        public Dictionary<string, List<GenerationStreamEvent>> Running { get; } = new(StringComparer.Ordinal);

        public List<GenerationStreamSubscription> Subscribers { get; } = [];
    }
}
