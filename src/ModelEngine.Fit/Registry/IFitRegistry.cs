using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Registry;

/// <summary>The fitables this process can call: the ones loaded here and the ones live workers announce.</summary>
public interface IFitRegistry
{
    /// <summary>Changes whenever a fitable or worker comes or goes, so callers can cache routing results.</summary>
    long Version { get; }

    /// <summary>
    /// The ids of every genericable that has a known fitable or a declared contract, in ordinal order. Implementations
    /// that cannot enumerate return an empty list.
    /// </summary>
    IReadOnlyList<string> GenericableIds => [];

    /// <summary>Returns every known fitable of a genericable, local and remote, without duplicates.</summary>
    IReadOnlyList<FitableDescriptor> GetFitables(string genericableId);

    /// <summary>Returns the genericable's contract, when a local fitable or a registration declared it.</summary>
    GenericableDescriptor? GetGenericable(string genericableId);

    /// <summary>Returns the local fitable with this id, if loaded here.</summary>
    LocalFitable? GetLocal(string genericableId, string fitableId);

    /// <summary>Returns the live workers that host the fitable.</summary>
    IReadOnlyList<FitWorkerInfo> GetWorkers(string genericableId, string fitableId);

    /// <summary>All live workers.</summary>
    IReadOnlyList<FitWorkerInfo> Workers { get; }

    void AddLocal(LocalFitable fitable);

    /// <summary>Removes the local fitables an owner registered (a plugin that unloads).</summary>
    int RemoveLocal(string owner);

    /// <summary>Declares a contract for genericables served only by other languages.</summary>
    void AddGenericable(GenericableDescriptor genericable);

    /// <summary>Adds or refreshes a worker from its heartbeat.</summary>
    void UpsertWorker(FitWorkerInfo worker);

    /// <summary>Removes a worker (it sent its stopping heartbeat, or its calls could not be delivered).</summary>
    bool RemoveWorker(string workerId);

    /// <summary>Removes workers whose heartbeats stopped before <paramref name="now"/>. Returns them.</summary>
    IReadOnlyList<FitWorkerInfo> RemoveExpired(DateTimeOffset now);

    /// <summary>Raised after any change, outside the registry's lock.</summary>
    event Action? Changed;
}
