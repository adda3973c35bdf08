using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Routing;

/// <summary>A fitable with where it runs: loaded here, on workers, or both. Built once per registry version.</summary>
internal sealed class FitTarget(FitableDescriptor descriptor, LocalFitable? local, IReadOnlyList<FitWorkerInfo> workers)
{
    public FitableDescriptor Descriptor { get; } = descriptor;

    public string Id => Descriptor.Id;

    /// <summary>The fitable loaded in this process, or <see langword="null"/>.</summary>
    public LocalFitable? Local { get; } = local;

    /// <summary>Live workers that host the fitable.</summary>
    public IReadOnlyList<FitWorkerInfo> Workers { get; } = workers;

    /// <summary>Whether the local delegate may observe a token, so that a timeout needs a token of its own.</summary>
    public bool LocalTakesToken { get; } = local is not null && (local.Genericable.Method is null || local.Genericable.CancellationTokenIndex >= 0);
}
