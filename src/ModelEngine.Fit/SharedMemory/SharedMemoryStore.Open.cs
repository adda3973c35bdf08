using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.SharedMemory;

public sealed partial class SharedMemoryStore
{
    /// <summary>Maps a segment of this node, checks it, and adopts the reference its sender took.</summary>
    private SharedMemoryPayload OpenLocal(PayloadHandle handle)
    {
        if (!IsSegmentName(handle.Segment))
        {
            throw Unavailable(handle, "the segment name is not one this store writes");
        }

        var mapping = MapCached(handle);
        var problem = Check(mapping, handle);
        if (problem is null && !TryAddReference(mapping, adoptLease: true))
        {
            problem = "its last reference was released or its lease expired";
        }

        if (problem is not null)
        {
            ReleaseLocal(mapping);
            throw Unavailable(handle, problem);
        }

        Interlocked.Increment(ref _openPayloads);
        return new SharedMemoryPayload(this, mapping, handle with { TransferEndpoint = handle.TransferEndpoint ?? _regions?.Endpoint });
    }

    /// <summary>Returns the cached mapping of the segment with a new local hold, or maps it.</summary>
    private SegmentMapping MapCached(PayloadHandle handle)
    {
        SegmentMapping? mapping;
        try
        {
            mapping = TryMap(handle.Segment);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw Unavailable(handle, "the segment file cannot be mapped (torn)", exception);
        }

        return mapping ?? throw Unavailable(handle, "the segment is gone");
    }

    /// <summary>Returns the cached mapping of a segment with a new local hold, maps it, or returns null when it is gone.</summary>
    private SegmentMapping? TryMap(string name)
    {
        lock (_mappings)
        {
            if (_mappings.TryGetValue(name, out var cached) && cached.TryAddLocalReference())
            {
                return cached;
            }
        }

        var mapping = SegmentMapping.Open(_directory, name);
        if (mapping is null)
        {
            return null;
        }

        lock (_mappings)
        {
            if (_mappings.TryGetValue(name, out var cached) && cached.TryAddLocalReference())
            {
                // Another thread mapped it first. Use that mapping and drop this one.
                mapping.ReleaseLocalReference();
                return cached;
            }

            _mappings[name] = mapping;
        }

        return mapping;
    }

    /// <summary>Maps a sealed segment of the given generation that still has references, or returns null.</summary>
    private unsafe SegmentMapping? TryMapForTransfer(string name, ulong generation)
    {
        SegmentMapping? mapping;
        try
        {
            mapping = TryMap(name);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }

        if (mapping is null)
        {
            return null;
        }

        var header = mapping.Header;
        var live = mapping.FileLength >= SegmentHeader.Size
            && SegmentHeader.ReadMagic(header) == SegmentHeader.Magic
            && SegmentHeader.ReadState(header) == SegmentHeader.StateSealed
            && SegmentHeader.ReadGeneration(header) == generation
            && SegmentHeader.ReferenceCount(Volatile.Read(ref SegmentHeader.References(header))) > 0;
        if (!live)
        {
            ReleaseLocal(mapping);
            return null;
        }

        return mapping;
    }

    /// <summary>Returns why the mapped segment cannot be read through <paramref name="handle"/>, or null.</summary>
    private static unsafe string? Check(SegmentMapping mapping, PayloadHandle handle)
    {
        var header = mapping.Header;
        if (mapping.FileLength < SegmentHeader.Size || SegmentHeader.ReadMagic(header) != SegmentHeader.Magic)
        {
            return "the segment header is torn (bad magic)";
        }

        if (SegmentHeader.ReadVersion(header) != SegmentHeader.LayoutVersion)
        {
            return $"the segment layout version {SegmentHeader.ReadVersion(header)} is unknown";
        }

        if (SegmentHeader.ReadState(header) != SegmentHeader.StateSealed)
        {
            return ProcessIdentity.IsAlive(SegmentHeader.ReadOwnerPid(header), SegmentHeader.ReadOwnerStartTime(header))
                ? "the segment is still being written"
                : "the segment was abandoned by a writer that died";
        }

        if (SegmentHeader.ReadChecksum(header) != SegmentHeader.ComputeChecksum(header))
        {
            return "the segment header is torn (checksum mismatch)";
        }

        var length = SegmentHeader.ReadLength(header);
        if (length < 0 || length > mapping.FileLength - SegmentHeader.Size)
        {
            return "the segment is torn (its length lies beyond the file)";
        }

        if (SegmentHeader.ReadGeneration(header) != handle.Generation)
        {
            return "the segment's generation does not match the handle (it was replaced)";
        }

        if (handle.Offset < 0 || handle.Length < 0 || handle.Offset > length - handle.Length)
        {
            return "the handle's range lies outside the segment";
        }

        return null;
    }

    /// <summary>
    /// Adds a cross-process reference, or with <paramref name="adoptLease"/> turns a pending lease into the caller's
    /// reference when there is one. Fails when the segment is being deleted.
    /// </summary>
    private static unsafe bool TryAddReference(SegmentMapping mapping, bool adoptLease)
    {
        ref var references = ref SegmentHeader.References(mapping.Header);
        var current = Volatile.Read(ref references);
        while (true)
        {
            var count = SegmentHeader.ReferenceCount(current);
            var leases = SegmentHeader.PendingLeases(current);
            if (count <= 0)
            {
                return false;
            }

            var next = adoptLease && leases > 0
                ? SegmentHeader.Pack(leases - 1, count)
                : SegmentHeader.Pack(leases, count + 1);
            var seen = Interlocked.CompareExchange(ref references, next, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }
    }

    /// <summary>Copies a segment of another node into a new local segment, then gives the owner its lease back.</summary>
    private async ValueTask<FitPayload> PullAsync(PayloadHandle handle, CancellationToken cancellationToken)
    {
        if (_transport is null || string.IsNullOrEmpty(handle.TransferEndpoint))
        {
            throw Unavailable(handle, "it belongs to another node and no transfer path to it is known");
        }

        if (handle.Length > int.MaxValue || handle.Length < 0)
        {
            throw Unavailable(handle, $"{handle.Length} bytes is more than one pull can copy");
        }

        var region = new RemoteRegion(handle.TransferEndpoint, handle.Region);
        var length = (int)handle.Length;
        var mapping = CreateSegment(length, out var generation);
        try
        {
            Memory<byte> destination;
            unsafe
            {
                destination = new PointerMemoryManager(mapping.Data, length).Memory;
            }

            await _transport.ReadAsync(region, handle.Offset, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The half-filled segment never becomes readable: it is deleted while still in the writing state.
            DeleteSegment(mapping);
            ReleaseLocal(mapping);
            if (exception is OperationCanceledException || exception is FitException { Code: FitErrorCode.PayloadUnavailable })
            {
                throw;
            }

            throw Unavailable(handle, $"pulling it from {handle.TransferEndpoint} failed: {exception.Message}", exception);
        }

        var payload = SealAndWrap(mapping, generation, length, handle.Encoding);
        try
        {
            await _transport.ReleaseLeaseAsync(region, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            payload.Dispose();
            throw;
        }
        catch (Exception exception)
        {
            // The copy is complete. The owner's lease runs out on its own.
            Log.LeaseReleaseFailed(_logger, handle.Segment, handle.NodeId, exception);
        }

        return payload;
    }

    private static bool IsSegmentName(string name) =>
        name.StartsWith(FilePrefix, StringComparison.Ordinal)
        && name.Length < 128
        && name.AsSpan(FilePrefix.Length).IndexOfAnyExcept("0123456789abcdef-") < 0;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Giving back the lease of payload {Segment} to node {NodeId} failed. The lease expires on its own.")]
        public static partial void LeaseReleaseFailed(ILogger logger, string segment, string nodeId, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Removed shared-memory segment {Segment}: {Reason}.")]
        public static partial void SegmentCollected(ILogger logger, string segment, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Inspecting shared-memory segment {Segment} failed.")]
        public static partial void CollectFailed(ILogger logger, string segment, Exception exception);
    }
}
