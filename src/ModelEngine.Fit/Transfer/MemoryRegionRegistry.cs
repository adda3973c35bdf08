using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ModelEngine.Fit.Transfer;

/// <summary>The in-process table of registered regions that <see cref="TcpTransferServer"/> serves.</summary>
public sealed class MemoryRegionRegistry : IMemoryRegionRegistry
{
    /// <summary>Registered regions by key.</summary>
    private readonly ConcurrentDictionary<ulong, IRegisteredMemory> _regions = new();

    /// <summary>The endpoint the transfer server bound, published once it listens.</summary>
    private volatile string? _endpoint;

    public string? Endpoint => _endpoint;

    public int Count => _regions.Count;

    public ulong Register(IRegisteredMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        while (true)
        {
            // Random keys, so that a reader cannot reach a region by counting.
            var key = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
            if (key != 0 && _regions.TryAdd(key, memory))
            {
                return key;
            }
        }
    }

    public bool Deregister(ulong key)
    {
        return _regions.TryRemove(key, out _);
    }

    public bool TryGet(ulong key, [MaybeNullWhen(false)] out IRegisteredMemory memory) => _regions.TryGetValue(key, out memory);

    /// <summary>Publishes the endpoint the transfer server listens on.</summary>
    internal void SetEndpoint(string? endpoint) => _endpoint = endpoint;
}
