using System.Globalization;

namespace ModelEngine.Fit.SharedMemory;

public sealed partial class SharedMemoryStore
{
    /// <summary>
    /// Removes segments that no process can read any more: no references left, only leases that have expired, a writer
    /// that died before sealing, or a torn header whose writer is gone. Also drops transfer registrations of segments
    /// another process removed. Safe to run from several processes at once.
    /// </summary>
    public int Collect()
    {
        var removed = 0;
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(_directory, FilePrefix + "*").ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }

        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            try
            {
                var reason = CollectOne(path, name, nowMs);
                if (reason is not null)
                {
                    removed++;
                    Log.SegmentCollected(_logger, name, reason);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Log.CollectFailed(_logger, name, exception);
            }
        }

        DropStaleRegistrations();
        return removed;
    }

    /// <summary>Removes the segment when it is dead and returns why, or returns null and leaves it.</summary>
    private string? CollectOne(string path, string name, long nowMs)
    {
        // The check for live holders runs after this process has let go of the mapping it opened to read the header.
        var checkHolders = false;
        var reason = CollectMapped(path, name, nowMs, ref checkHolders);
        return checkHolders ? RemoveIfNobodyHolds(path) : reason;
    }

    private unsafe string? CollectMapped(string path, string name, long nowMs, ref bool checkHolders)
    {
        SegmentMapping? mapping;
        try
        {
            mapping = SegmentMapping.Open(_directory, name);
        }
        catch (InvalidDataException)
        {
            return RemoveIfWriterDead(path, name, "an empty file left by a writer that died");
        }

        if (mapping is null)
        {
            return null;
        }

        try
        {
            var header = mapping.Header;
            if (mapping.FileLength < SegmentHeader.Size || SegmentHeader.ReadMagic(header) != SegmentHeader.Magic)
            {
                return RemoveIfWriterDead(path, name, "a torn header left by a writer that died");
            }

            if (SegmentHeader.ReadState(header) != SegmentHeader.StateSealed)
            {
                if (ProcessIdentity.IsAlive(SegmentHeader.ReadOwnerPid(header), SegmentHeader.ReadOwnerStartTime(header)))
                {
                    return null;
                }

                SegmentMapping.TryDelete(path);
                return "its writer died before sealing it";
            }

            ref var references = ref SegmentHeader.References(header);
            var current = Volatile.Read(ref references);
            var count = SegmentHeader.ReferenceCount(current);
            var leases = SegmentHeader.PendingLeases(current);
            if (count == SegmentHeader.Deleting)
            {
                // A process dropped the last reference and died before removing the file.
                SegmentMapping.TryDelete(path);
                return "its last reference was released";
            }

            var leaseOver = Volatile.Read(ref SegmentHeader.LeaseExpiry(header)) <= nowMs;
            var expired = leases > 0 && leases >= count && leaseOver;
            if (count != 0 && !expired)
            {
                // References are counted, not tracked per process, so a crashed process never releases its own. Once no
                // lease is pending, or all pending ones have expired, the file locks show whether a live process has it open.
                checkHolders = leases == 0 || leaseOver;
                return null;
            }

            var next = SegmentHeader.Pack(leases, SegmentHeader.Deleting);
            if (Interlocked.CompareExchange(ref references, next, current) != current)
            {
                // A reader adopted or took a reference meanwhile. Look again next time.
                return null;
            }

            SegmentMapping.TryDelete(path);
            return count == 0 ? "no references were left" : "its leases expired unadopted";
        }
        finally
        {
            mapping.ReleaseLocalReference();
        }
    }

    /// <summary>
    /// Removes a segment that no live process has open. Every process that maps a segment keeps its file open with a
    /// shared lock, which .NET takes for each open that allows sharing. The kernel drops a process's locks when it ends,
    /// so an exclusive open succeeds only when every holder has released the segment or died.
    /// </summary>
    private static string? RemoveIfNobodyHolds(string path)
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true")
        {
            // Without file locks a held segment looks free, so it stays.
            return null;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            SegmentMapping.TryDelete(path);
            return "the processes that held it have ended";
        }
        catch (IOException)
        {
            // A live process has it open, or another collector removed it first.
            return null;
        }
    }

    /// <summary>Removes a segment whose header cannot be read, when the process named in its file name is gone.</summary>
    private static string? RemoveIfWriterDead(string path, string name, string reason)
    {
        var dash = name.IndexOf('-', FilePrefix.Length);
        if (dash < 0
            || !int.TryParse(name.AsSpan(FilePrefix.Length, dash - FilePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || ProcessIdentity.IsAlive(pid, startTime: 0))
        {
            return null;
        }

        SegmentMapping.TryDelete(path);
        return reason;
    }

    /// <summary>Deregisters segments this process serves that another process has since removed.</summary>
    private void DropStaleRegistrations()
    {
        foreach (var name in _registered.Keys)
        {
            if (!File.Exists(Path.Combine(_directory, name)))
            {
                Deregister(name);
            }
        }
    }
}
