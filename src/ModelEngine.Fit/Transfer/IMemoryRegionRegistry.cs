using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Fit.Transfer;

/// <summary>
/// The regions this node serves to other nodes. Registering memory returns the key a reader puts in its reads. Like an
/// RDMA rkey it is unguessable, and a read of a key that is not registered gets an error, never other memory.
/// </summary>
public interface IMemoryRegionRegistry
{
    /// <summary>Where this node's transfer service listens, once it has started, or null before that.</summary>
    string? Endpoint { get; }

    /// <summary>The number of regions registered now.</summary>
    int Count { get; }

    /// <summary>Registers <paramref name="memory"/> and returns its key, never 0.</summary>
    ulong Register(IRegisteredMemory memory);

    /// <summary>Removes the region. Returns false when it was not registered.</summary>
    bool Deregister(ulong key);

    /// <summary>Finds a registered region.</summary>
    bool TryGet(ulong key, [MaybeNullWhen(false)] out IRegisteredMemory memory);
}
