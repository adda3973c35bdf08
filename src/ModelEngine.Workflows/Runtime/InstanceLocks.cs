namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// One in-process lock per instance, so that an instance has one writer at a time on this node. An entry is removed
/// when no caller holds or waits for it. Across nodes, the revision check of the commit catches a second writer.
/// </summary>
public sealed class InstanceLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<IDisposable> AcquireAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(instanceId, out entry!))
            {
                entry = new Entry();
                _entries.Add(instanceId, entry);
            }

            entry.References++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Dereference(instanceId, entry);
            throw;
        }

        return new Releaser(this, instanceId, entry);
    }

    private void Dereference(string instanceId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(instanceId);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }

    private sealed class Releaser(InstanceLocks owner, string instanceId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Dereference(instanceId, entry);
            }
        }
    }
}
