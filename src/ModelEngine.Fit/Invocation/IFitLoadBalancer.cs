using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Invocation;

/// <summary>Picks the worker that takes a remote call among the live workers that host its fitable.</summary>
internal interface IFitLoadBalancer
{
    /// <summary>Picks one of <paramref name="workers"/>, which is never empty.</summary>
    FitWorkerInfo Pick(IReadOnlyList<FitWorkerInfo> workers);
}
