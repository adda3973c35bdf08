using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// The node's shared-memory store: one memory-mapped file per payload under <see cref="FitNodeOptions.SharedMemoryPath"/>,
/// sealed once written and reference-counted across processes through a counter in the file's header.
/// </summary>
/// <remarks>
/// Every process that maps a segment updates the same header word with <see cref="Interlocked"/>. The process that
/// drops the last reference deletes the file. Files are pre-allocated when created, so a full tmpfs fails the write
/// with an <see cref="IOException"/> instead of killing the process with SIGBUS later. Deleting a file never breaks a
/// reader that still maps it: the pages live until the last mapping closes.
/// </remarks>
public sealed partial class SharedMemoryStore : ISharedMemoryStore, IDisposable
{
    /// <summary>Segment file names start with this, then the owner's process id and the generation.</summary>
    internal const string FilePrefix = "seg-";

    private readonly string _directory;

    private readonly TimeSpan _leaseDuration;

    private readonly TimeProvider _time;

    private readonly IMemoryRegionRegistry? _regions;

    private readonly IMemoryTransport? _transport;

    private readonly ILogger _logger;

    /// <summary>Segments mapped in this process, by file name. Guarded by itself.</summary>
    private readonly Dictionary<string, SegmentMapping> _mappings = new(StringComparer.Ordinal);

    /// <summary>Region keys of the segments this store registered with the transfer service, by segment name.</summary>
    private readonly ConcurrentDictionary<string, ulong> _registered = new(StringComparer.Ordinal);

    /// <summary>Payload objects of this store that are not yet disposed.</summary>
    private int _openPayloads;

    /// <summary>
    /// Creates the store and its directory. <paramref name="regions"/> lets other nodes pull this node's segments;
    /// <paramref name="transport"/> lets this store pull theirs.
    /// </summary>
    public SharedMemoryStore(
        IOptions<FitNodeOptions> options,
        TimeProvider? timeProvider = null,
        IMemoryRegionRegistry? regions = null,
        IMemoryTransport? transport = null,
        ILogger<SharedMemoryStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        NodeId = value.NodeId;
        _directory = value.SharedMemoryPath;
        _leaseDuration = value.LeaseDuration;
        _time = timeProvider ?? TimeProvider.System;
        _regions = regions;
        _transport = transport;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Directory.CreateDirectory(_directory);
    }

    public string NodeId { get; }

    /// <summary>The directory that contains the segment files.</summary>
    public string DirectoryPath => _directory;

    /// <summary>The number of segment files in the directory now, written by any process.</summary>
    public int LiveSegmentCount => Directory.EnumerateFiles(_directory, FilePrefix + "*").Count();

    /// <summary>Payloads this store handed out that are not yet disposed.</summary>
    public int OpenPayloadCount => Volatile.Read(ref _openPayloads);

    /// <summary>Segments mapped in this process.</summary>
    public int MappedSegmentCount
    {
        get
        {
            lock (_mappings)
            {
                return _mappings.Count;
            }
        }
    }

    public FitPayload Write(ReadOnlySpan<byte> data, PayloadEncoding encoding = PayloadEncoding.Bytes)
    {
        var mapping = CreateSegment(data.Length, out var generation);
        unsafe
        {
            data.CopyTo(new Span<byte>(mapping.Data, data.Length));
        }

        return SealAndWrap(mapping, generation, data.Length, encoding);
    }

    public FitPayload WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        var mapping = CreateSegment(length, out var generation);
        unsafe
        {
            Encoding.UTF8.GetBytes(value, new Span<byte>(mapping.Data, length));
        }

        return SealAndWrap(mapping, generation, length, PayloadEncoding.Utf8);
    }

    public ValueTask<FitPayload> OpenAsync(PayloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<FitPayload>(cancellationToken);
        }

        return string.Equals(handle.NodeId, NodeId, StringComparison.Ordinal)
            ? new ValueTask<FitPayload>(OpenLocal(handle))
            : PullAsync(handle, cancellationToken);
    }

    /// <summary>
    /// Takes one reference for a receiver in another process, held by a lease of <paramref name="duration"/> (the
    /// configured lease duration by default). The receiver adopts it when it opens the handle. When no receiver does,
    /// the collector removes it after the lease ends.
    /// </summary>
    public void AddLease(FitPayload payload, TimeSpan? duration = null)
    {
        var mapping = OwnMapping(payload);
        unsafe
        {
            ref var references = ref SegmentHeader.References(mapping.Header);
            var current = Volatile.Read(ref references);
            while (true)
            {
                var count = SegmentHeader.ReferenceCount(current);
                if (count <= 0)
                {
                    throw Unavailable(payload.Handle, "it was already released");
                }

                var next = SegmentHeader.Pack(SegmentHeader.PendingLeases(current) + 1, count + 1);
                var seen = Interlocked.CompareExchange(ref references, next, current);
                if (seen == current)
                {
                    break;
                }

                current = seen;
            }

            var expiry = (_time.GetUtcNow() + (duration ?? _leaseDuration)).ToUnixTimeMilliseconds();
            ref var leaseExpiry = ref SegmentHeader.LeaseExpiry(mapping.Header);
            var previous = Volatile.Read(ref leaseExpiry);
            while (previous < expiry)
            {
                var seen = Interlocked.CompareExchange(ref leaseExpiry, expiry, previous);
                if (seen == previous)
                {
                    break;
                }

                previous = seen;
            }
        }
    }

    /// <summary>
    /// Withdraws this store's segments from the transfer service and clears its mapping cache. Payloads still open stay
    /// readable until they are disposed.
    /// </summary>
    public void Dispose()
    {
        foreach (var name in _registered.Keys)
        {
            Deregister(name);
        }

        lock (_mappings)
        {
            _mappings.Clear();
        }
    }

    /// <summary>Takes another reference to the segment of <paramref name="payload"/>.</summary>
    internal FitPayload Retain(SharedMemoryPayload payload)
    {
        if (!payload.Mapping.TryAddLocalReference())
        {
            throw Unavailable(payload.Handle, "its mapping is closed");
        }

        if (!TryAddReference(payload.Mapping, adoptLease: false))
        {
            ReleaseLocal(payload.Mapping);
            throw Unavailable(payload.Handle, "it was already released");
        }

        Interlocked.Increment(ref _openPayloads);
        return new SharedMemoryPayload(this, payload.Mapping, payload.Handle);
    }

    /// <summary>Drops one cross-process reference and the local hold of a disposed payload.</summary>
    internal void Release(SegmentMapping mapping)
    {
        Interlocked.Decrement(ref _openPayloads);
        unsafe
        {
            ref var references = ref SegmentHeader.References(mapping.Header);
            var current = Volatile.Read(ref references);
            while (true)
            {
                var count = SegmentHeader.ReferenceCount(current);
                if (count <= 0)
                {
                    break;
                }

                var last = count == 1;
                var next = SegmentHeader.Pack(SegmentHeader.PendingLeases(current), last ? SegmentHeader.Deleting : count - 1);
                var seen = Interlocked.CompareExchange(ref references, next, current);
                if (seen == current)
                {
                    if (last)
                    {
                        DeleteSegment(mapping);
                    }

                    break;
                }

                current = seen;
            }
        }

        ReleaseLocal(mapping);
    }

    /// <summary>Gives back a lease for a reader on another node that has copied the segment.</summary>
    internal bool ReleaseLease(string name, ulong generation)
    {
        var mapping = TryMapForTransfer(name, generation);
        if (mapping is null)
        {
            return false;
        }

        try
        {
            unsafe
            {
                ref var references = ref SegmentHeader.References(mapping.Header);
                var current = Volatile.Read(ref references);
                while (true)
                {
                    var count = SegmentHeader.ReferenceCount(current);
                    var leases = SegmentHeader.PendingLeases(current);
                    if (count <= 0 || leases <= 0)
                    {
                        return false;
                    }

                    var last = count == 1;
                    var next = SegmentHeader.Pack(leases - 1, last ? SegmentHeader.Deleting : count - 1);
                    var seen = Interlocked.CompareExchange(ref references, next, current);
                    if (seen == current)
                    {
                        if (last)
                        {
                            DeleteSegment(mapping);
                        }

                        return true;
                    }

                    current = seen;
                }
            }
        }
        finally
        {
            ReleaseLocal(mapping);
        }
    }

    /// <summary>Maps a live segment for the transfer service and returns a range of it, or null when it is gone.</summary>
    internal IMemoryOwner<byte>? PinForTransfer(string name, ulong generation, long offset, int length)
    {
        var mapping = TryMapForTransfer(name, generation);
        if (mapping is null)
        {
            return null;
        }

        if (offset < 0 || length < 0 || offset + length > mapping.FileLength - SegmentHeader.Size)
        {
            ReleaseLocal(mapping);
            return null;
        }

        return new TransferPin(this, mapping, offset, length);
    }

    /// <summary>
    /// Releases one local reference of this process to a mapping, and removes the mapping from the cache when it closes.
    /// </summary>
    internal void ReleaseLocal(SegmentMapping mapping)
    {
        if (!mapping.ReleaseLocalReference())
        {
            return;
        }

        lock (_mappings)
        {
            if (_mappings.TryGetValue(mapping.Name, out var cached) && ReferenceEquals(cached, mapping))
            {
                _mappings.Remove(mapping.Name);
            }
        }
    }

    private SegmentMapping CreateSegment(long length, out ulong generation)
    {
        generation = (ulong)Random.Shared.NextInt64() | 1UL;
        var name = string.Create(
            CultureInfo.InvariantCulture, $"{FilePrefix}{ProcessIdentity.CurrentId}-{generation:x16}");
        var mapping = SegmentMapping.Create(_directory, name, length);
        unsafe
        {
            SegmentHeader.Initialize(mapping.Header, length, generation);
        }

        return mapping;
    }

    private SharedMemoryPayload SealAndWrap(SegmentMapping mapping, ulong generation, long length, PayloadEncoding encoding)
    {
        unsafe
        {
            SegmentHeader.Seal(mapping.Header);
        }

        lock (_mappings)
        {
            _mappings[mapping.Name] = mapping;
        }

        var regionKey = 0UL;
        if (_regions is not null)
        {
            var key = _regions.Register(new SegmentRegion(this, mapping.Name, generation, length));
            _registered[mapping.Name] = key;
            regionKey = key;
        }

        var handle = new PayloadHandle(
            NodeId, mapping.Name, regionKey, 0, length, generation, encoding, _regions?.Endpoint);
        Interlocked.Increment(ref _openPayloads);
        return new SharedMemoryPayload(this, mapping, handle);
    }

    private void DeleteSegment(SegmentMapping mapping)
    {
        SegmentMapping.TryDelete(mapping.Path);
        Deregister(mapping.Name);
    }

    /// <summary>Withdraws a segment from the transfer service when this store registered it.</summary>
    private void Deregister(string name)
    {
        if (_registered.TryRemove(name, out var key))
        {
            _regions?.Deregister(key);
        }
    }

    private SegmentMapping OwnMapping(FitPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload is SharedMemoryPayload own && own.Mapping is { } mapping
            ? mapping
            : throw new ArgumentException("The payload does not belong to a shared-memory store.", nameof(payload));
    }

    private static FitException Unavailable(PayloadHandle handle, string reason, Exception? inner = null) =>
        new(FitErrorCode.PayloadUnavailable, $"The payload '{handle.Segment}' of node '{handle.NodeId}' is unavailable: {reason}.", inner);
}
