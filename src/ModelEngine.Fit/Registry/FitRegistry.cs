using System.Collections.Immutable;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Registry;

/// <summary>
/// The in-memory registry. Reads take an immutable snapshot without locking. Writes replace the snapshot under a
/// lock and bump <see cref="Version"/>.
/// </summary>
public sealed class FitRegistry : IFitRegistry
{
    private readonly Lock _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;

    public long Version => Volatile.Read(ref _snapshot).Version;

    public IReadOnlyList<FitWorkerInfo> Workers => Volatile.Read(ref _snapshot).Workers.Values.ToArray();

    public IReadOnlyList<string> GenericableIds => Volatile.Read(ref _snapshot).GenericableIds;

    public event Action? Changed;

    public IReadOnlyList<FitableDescriptor> GetFitables(string genericableId) =>
        Volatile.Read(ref _snapshot).Fitables.TryGetValue(genericableId, out var list) ? list : [];

    public GenericableDescriptor? GetGenericable(string genericableId) =>
        Volatile.Read(ref _snapshot).Genericables.GetValueOrDefault(genericableId);

    public LocalFitable? GetLocal(string genericableId, string fitableId) =>
        Volatile.Read(ref _snapshot).Locals.GetValueOrDefault((genericableId, fitableId));

    public IReadOnlyList<FitWorkerInfo> GetWorkers(string genericableId, string fitableId) =>
        Volatile.Read(ref _snapshot).WorkersByFitable.TryGetValue((genericableId, fitableId), out var list) ? list : [];

    public void AddLocal(LocalFitable fitable)
    {
        ArgumentNullException.ThrowIfNull(fitable);
        Update(s => s with
        {
            Locals = s.Locals.SetItem((fitable.Descriptor.GenericableId, fitable.Descriptor.Id), fitable),
            DeclaredGenericables = s.DeclaredGenericables.SetItem(fitable.Genericable.Id, fitable.Genericable),
        });
    }

    public int RemoveLocal(string owner)
    {
        var removed = 0;
        Update(s =>
        {
            var keys = s.Locals.Where(p => p.Value.Owner == owner).Select(p => p.Key).ToArray();
            removed = keys.Length;
            return removed == 0 ? s : s with { Locals = s.Locals.RemoveRange(keys) };
        });
        return removed;
    }

    public void AddGenericable(GenericableDescriptor genericable)
    {
        ArgumentNullException.ThrowIfNull(genericable);
        Update(s => s with { DeclaredGenericables = s.DeclaredGenericables.SetItem(genericable.Id, genericable) });
    }

    public void UpsertWorker(FitWorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        Update(s =>
        {
            // A refresh that changes nothing but the expiry keeps the version, so routing caches stay warm.
            if (s.Workers.TryGetValue(worker.WorkerId, out var known) && SameShape(known, worker))
            {
                return s with { Workers = s.Workers.SetItem(worker.WorkerId, worker), KeepVersion = true };
            }

            return s with { Workers = s.Workers.SetItem(worker.WorkerId, worker) };
        });
    }

    public bool RemoveWorker(string workerId)
    {
        var removed = false;
        Update(s =>
        {
            removed = s.Workers.ContainsKey(workerId);
            return removed ? s with { Workers = s.Workers.Remove(workerId) } : s;
        });
        return removed;
    }

    public IReadOnlyList<FitWorkerInfo> RemoveExpired(DateTimeOffset now)
    {
        FitWorkerInfo[] expired = [];
        Update(s =>
        {
            expired = s.Workers.Values.Where(w => w.ExpiresAt <= now).ToArray();
            return expired.Length == 0 ? s : s with { Workers = s.Workers.RemoveRange(expired.Select(w => w.WorkerId)) };
        });
        return expired;
    }

    private static bool SameShape(FitWorkerInfo a, FitWorkerInfo b) =>
        a.NodeId == b.NodeId && a.Queue == b.Queue && a.TransferEndpoint == b.TransferEndpoint
        && a.Fitables.SequenceEqual(b.Fitables, FitableComparer.Instance);

    private void Update(Func<Snapshot, Snapshot> change)
    {
        bool changed;
        lock (_gate)
        {
            var current = _snapshot;
            var next = change(current);
            changed = !ReferenceEquals(next, current);
            if (changed)
            {
                _snapshot = next.KeepVersion ? next with { KeepVersion = false } : next.Rebuild(current.Version + 1);
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    private sealed class FitableComparer : IEqualityComparer<FitableDescriptor>
    {
        public static readonly FitableComparer Instance = new();

        public bool Equals(FitableDescriptor? x, FitableDescriptor? y) =>
            x is not null && y is not null && x.GenericableId == y.GenericableId && x.Id == y.Id
            && x.GenericableVersion == y.GenericableVersion && x.IsDefault == y.IsDefault && x.DegradesTo == y.DegradesTo
            && x.Aliases.SequenceEqual(y.Aliases) && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(FitableDescriptor obj) => HashCode.Combine(obj.GenericableId, obj.Id);
    }

    private sealed record Snapshot
    {
        public static readonly Snapshot Empty = new();

        public long Version { get; init; }

        public bool KeepVersion { get; init; }

        public ImmutableDictionary<(string, string), LocalFitable> Locals { get; init; } =
            ImmutableDictionary<(string, string), LocalFitable>.Empty;

        public ImmutableDictionary<string, GenericableDescriptor> DeclaredGenericables { get; init; } =
            ImmutableDictionary<string, GenericableDescriptor>.Empty;

        public ImmutableDictionary<string, FitWorkerInfo> Workers { get; init; } =
            ImmutableDictionary<string, FitWorkerInfo>.Empty;

        public IReadOnlyDictionary<string, GenericableDescriptor> Genericables { get; init; } =
            new Dictionary<string, GenericableDescriptor>();

        public IReadOnlyDictionary<string, FitableDescriptor[]> Fitables { get; init; } =
            new Dictionary<string, FitableDescriptor[]>();

        public IReadOnlyDictionary<(string, string), FitWorkerInfo[]> WorkersByFitable { get; init; } =
            new Dictionary<(string, string), FitWorkerInfo[]>();

        public string[] GenericableIds { get; init; } = [];

        public Snapshot Rebuild(long version)
        {
            // Local fitables come first, so a fitable loaded here describes itself even if a worker announces it too.
            var fitables = new Dictionary<string, List<FitableDescriptor>>(StringComparer.Ordinal);
            var seen = new HashSet<(string, string)>();
            foreach (var local in Locals.Values.OrderBy(l => l.Descriptor.Id, StringComparer.Ordinal))
            {
                Add(local.Descriptor);
            }

            var byFitable = new Dictionary<(string, string), List<FitWorkerInfo>>();
            foreach (var worker in Workers.Values.OrderBy(w => w.WorkerId, StringComparer.Ordinal))
            {
                foreach (var fitable in worker.Fitables)
                {
                    Add(fitable);
                    var key = (fitable.GenericableId, fitable.Id);
                    if (!byFitable.TryGetValue(key, out var list))
                    {
                        byFitable[key] = list = [];
                    }

                    list.Add(worker);
                }
            }

            return this with
            {
                Version = version,
                Genericables = new Dictionary<string, GenericableDescriptor>(DeclaredGenericables, StringComparer.Ordinal),
                Fitables = fitables.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
                WorkersByFitable = byFitable.ToDictionary(p => p.Key, p => p.Value.ToArray()),
                GenericableIds = fitables.Keys.Union(DeclaredGenericables.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            };

            void Add(FitableDescriptor descriptor)
            {
                if (seen.Add((descriptor.GenericableId, descriptor.Id)))
                {
                    if (!fitables.TryGetValue(descriptor.GenericableId, out var list))
                    {
                        fitables[descriptor.GenericableId] = list = [];
                    }

                    list.Add(descriptor);
                }
            }
        }
    }
}
