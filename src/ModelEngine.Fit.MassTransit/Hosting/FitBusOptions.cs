namespace ModelEngine.Fit.MassTransit.Hosting;

/// <summary>Settings of the FIT bus, bound from the <c>Fit:Bus</c> configuration section.</summary>
public sealed class FitBusOptions
{
    public const string SectionName = "Fit:Bus";

    /// <summary>Caller, Worker, or <c>Caller, Worker</c>. A server is a caller. A ModelEngine.Worker is a worker.</summary>
    public FitBusRole Role { get; set; } = FitBusRole.Caller;

    /// <summary>
    /// The AMQP URI of the broker. When empty, <c>ConnectionStrings:RabbitMq</c> (the messaging bus's broker) is used.
    /// </summary>
    public string? RabbitMq { get; set; }

    /// <summary>The maximum number of requests the broker hands a worker before it acknowledges them.</summary>
    public int PrefetchCount { get; set; } = 16;

    /// <summary>The maximum number of requests a worker runs at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 8;

    /// <summary>
    /// The maximum number of calls a caller keeps in flight to one worker. Further calls wait for a slot (within their
    /// timeout), so a slow worker bounds the caller's pending memory.
    /// </summary>
    public int MaxInFlightPerWorker { get; set; } = 64;

    /// <summary>The timeout of a call whose request carries none.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The interval between two heartbeats of a worker.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The time one heartbeat keeps a worker in callers' registries.</summary>
    public TimeSpan AliveTime { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The interval at which a caller removes workers whose heartbeats stopped.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The maximum message size this process accepts, in bytes. RabbitMQ.Client alone stops at 64 MiB, below a 64 MiB payload
    /// plus its envelope. The default matches the broker's own limit of 128 MiB.
    /// </summary>
    public uint MaxMessageSize { get; set; } = 128 * 1024 * 1024;

    /// <summary>
    /// Whether each publish waits for the broker's confirm. Off by default: a call already waits for its response and
    /// times out when a request is lost, and a confirm costs a broker round trip on both the request and the response.
    /// </summary>
    public bool PublisherConfirmation { get; set; }

    /// <summary>
    /// Where this node's transfer service listens, announced in heartbeats. When empty, the address the TCP transfer
    /// server bound is announced, if the process runs one.
    /// </summary>
    public string? TransferEndpoint { get; set; }
}
