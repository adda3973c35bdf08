using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Dispatch.Tests.Fakes;

/// <summary>Builders of contracts, fitables, workers and clients for tests.</summary>
public static class Fits
{
    /// <summary>How long a test waits for anything before it fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static GenericableDescriptor Contract(string id, params string[] parameters) => new()
    {
        Id = id,
        Parameters = parameters.Select(p => new FitParameter(p, FitValueType.String, typeof(string))).ToArray(),
        ResultType = FitValueType.String,
        ResultClrType = typeof(string),
    };

    public static FitableDescriptor Descriptor(string genericableId, string id, string[]? aliases = null, bool isDefault = false, string? degradesTo = null) => new()
    {
        GenericableId = genericableId,
        Id = id,
        Aliases = aliases ?? [],
        IsDefault = isDefault,
        DegradesTo = degradesTo,
    };

    public static LocalFitable Local(
        GenericableDescriptor contract, string id, Func<object?[], CancellationToken, ValueTask<object?>> body,
        string[]? aliases = null, bool isDefault = false, string? degradesTo = null) =>
        new(contract, Descriptor(contract.Id, id, aliases, isDefault, degradesTo), body, "test");

    /// <summary>A local fitable that returns its own id.</summary>
    public static LocalFitable Named(GenericableDescriptor contract, string id, string[]? aliases = null, bool isDefault = false, string? degradesTo = null) =>
        Local(contract, id, (_, _) => ValueTask.FromResult<object?>(id), aliases, isDefault, degradesTo);

    /// <summary>A local fitable that always throws.</summary>
    public static LocalFitable Failing(GenericableDescriptor contract, string id, string? degradesTo = null) =>
        Local(contract, id, (_, _) => throw new InvalidOperationException($"{id} is broken"), degradesTo: degradesTo);

    public static FitWorkerInfo Worker(string workerId, string nodeId, params FitableDescriptor[] fitables) => new()
    {
        WorkerId = workerId,
        NodeId = nodeId,
        Queue = $"fit.{workerId}",
        Fitables = fitables,
        ExpiresAt = DateTimeOffset.MaxValue,
    };

    public static FitRegistry NewRegistry(params LocalFitable[] fitables)
    {
        var registry = new FitRegistry();
        foreach (var fitable in fitables)
        {
            registry.AddLocal(fitable);
        }

        return registry;
    }

    public static FitClient NewClient(IFitRegistry registry, FitOptions? options = null, IFitRemoteTransport? transport = null, IFitValueCodec? codec = null) =>
        new(registry, options ?? new FitOptions { NodeId = "node-a" }, codec ?? (transport is null ? null : new FakeCodec()), transport);

    /// <summary>The code routing API over bare options, as <c>FitBuilder.Route</c> gives it.</summary>
    public static FitRouteBuilder RouteOf(FitOptions options, string genericableId) => new(options.Route(genericableId));

    /// <summary>Runs a call and returns the FIT error it ends with.</summary>
    public static async Task<FitException> FailsAsync(ValueTask<object?> call) =>
        await Assert.ThrowsAsync<FitException>(async () => await call.AsTask().WaitAsync(Patience));

    public static async Task<object?> Within(ValueTask<object?> call) => await call.AsTask().WaitAsync(Patience);
}
