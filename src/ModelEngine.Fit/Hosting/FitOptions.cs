using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Hosting;

/// <summary>
/// The dispatch settings of operator calls in this process: defaults for timeout and retry, the worker balancing
/// strategy and the routing of each genericable. <c>AddFit</c> fills it from the <c>Fit</c> configuration section and
/// from code.
/// </summary>
public sealed class FitOptions
{
    /// <summary>The time a call may take when neither the call nor its genericable sets one: 30 s.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The number of retries of a failed attempt when neither the call nor its genericable sets a count: 0.</summary>
    public int DefaultRetry { get; set; }

    /// <summary>The strategy a remote call uses to pick among the live workers that host its fitable.</summary>
    public FitBalancing Balancing { get; set; } = FitBalancing.RoundRobin;

    /// <summary>
    /// This node's id. A call whose payload handles this node owns prefers a fitable loaded here, and other calls prefer a worker
    /// on the owner's node.
    /// </summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>
    /// The size in bytes above which the value codec sends a string or bytes through this node's shared-memory store:
    /// 65536, read from <c>Fit:SharedMemoryThreshold</c> like <see cref="FitNodeOptions.SharedMemoryThreshold"/>. A call
    /// with such an argument prefers workers on this node, which can map the payload without a transfer.
    /// </summary>
    /// <remarks>
    /// NOTE: code that sets the threshold itself must set the node option to the same value, because the codec reads
    /// that one and dispatch reads this one.
    /// </remarks>
    public int SharedMemoryThreshold { get; set; } = 64 * 1024;

    /// <summary>Routing, timeout and retry settings per genericable id.</summary>
    public IDictionary<string, FitGenericableRoute> Routes { get; } = new Dictionary<string, FitGenericableRoute>(StringComparer.Ordinal);

    /// <summary>Returns the settings of one genericable, created empty on first use.</summary>
    public FitGenericableRoute Route(string genericableId)
    {
        if (!Routes.TryGetValue(genericableId, out var route))
        {
            route = new FitGenericableRoute(genericableId);
            Routes[genericableId] = route;
        }

        return route;
    }
}
