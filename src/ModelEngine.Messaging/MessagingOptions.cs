namespace ModelEngine.Messaging;

/// <summary>Settings of the message bus and the outbox relay, bound from the <c>Messaging</c> section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>The name of the AMQP URI under <c>ConnectionStrings</c>.</summary>
    public const string RabbitMqConnectionStringName = "RabbitMq";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>The message type names that PublishMessage and MessageReceived accept.</summary>
    public List<string> MessageTypes { get; set; } = [];

    /// <summary>How often the relay looks for outbox rows that no commit signalled, such as rows left by a crash.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The maximum number of outbox rows one relay pass reads.</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How long a relay's claim on an outbox row lasts before another relay may publish the row again.</summary>
    public TimeSpan OutboxClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The start of the names of this deployment's queues. Nodes of one deployment share it, so that they compete for
    /// its messages; deployments that share a broker need different prefixes.
    /// </summary>
    public string QueuePrefix { get; set; } = "modelengine";

    /// <summary>How long one publish may wait for the broker before the relay or the work queue gives up on it.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
