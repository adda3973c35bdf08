namespace ModelEngine.Fit.MassTransit.Hosting;

/// <summary>The exchange and queue names of the FIT bus contract.</summary>
public static class FitBusNames
{
    /// <summary>The fanout exchange that carries every worker's heartbeats.</summary>
    public const string HeartbeatExchange = "fit.heartbeats";

    /// <summary>The start of each worker's queue and exchange name.</summary>
    public const string WorkerQueuePrefix = "fit.worker.";

    /// <summary>Returns the name of the queue and fanout exchange that take a worker's requests.</summary>
    public static string WorkerQueue(string workerId) => WorkerQueuePrefix + workerId;
}
