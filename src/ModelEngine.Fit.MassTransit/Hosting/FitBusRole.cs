namespace ModelEngine.Fit.MassTransit.Hosting;

/// <summary>The roles of this process on the FIT bus. A process may have both.</summary>
[Flags]
public enum FitBusRole
{
    None = 0,

    /// <summary>Sends calls to workers and keeps the registry of live workers from their heartbeats (a server).</summary>
    Caller = 1,

    /// <summary>Serves its local fitables from its own queue and announces them with heartbeats (a worker).</summary>
    Worker = 2,
}
