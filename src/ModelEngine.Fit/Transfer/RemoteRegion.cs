namespace ModelEngine.Fit.Transfer;

/// <summary>
/// A memory region another node registered with its transfer service: where to reach it and the key it was registered
/// under. For RDMA the endpoint names the queue pair to connect to and the key is the region's rkey.
/// </summary>
/// <param name="Endpoint">The owner's transfer endpoint, for example <c>127.0.0.1:7801</c>.</param>
/// <param name="Key">The region key the owner handed out when it registered the memory.</param>
public readonly record struct RemoteRegion(string Endpoint, ulong Key);
