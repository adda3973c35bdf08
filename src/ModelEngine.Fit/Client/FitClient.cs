using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Client;

/// <summary>
/// Calls operators through typed proxies or by genericable id. Each call is routed by <see cref="FitOptions"/> and the
/// fitables in the registry, then runs here with its arguments as they are, or on a worker through the remote
/// transport. Routes are cached per genericable, registry version and shape of call options.
/// </summary>
public sealed class FitClient : IFitClient
{
    private readonly ConcurrentDictionary<PlanKey, RoutePlan> _plans = new();
    private readonly ConditionalWeakTable<Type, object> _proxies = new();

    /// <param name="registry">The fitables and workers calls may go to.</param>
    /// <param name="options">Routing, balancing and defaults, or the defaults when <see langword="null"/>.</param>
    /// <param name="codec">Encodes arguments for workers. Without it every call must find its fitable loaded here.</param>
    /// <param name="transport">Carries calls to workers. Without it every call must find its fitable loaded here.</param>
    /// <param name="logger">Receives each routing decision at Debug level.</param>
    /// <param name="timeProvider">Runs call timeouts, or the system clock when <see langword="null"/>.</param>
    public FitClient(
        IFitRegistry registry,
        FitOptions? options = null,
        IFitValueCodec? codec = null,
        IFitRemoteTransport? transport = null,
        ILogger<FitClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Options = options ?? new FitOptions();
        Dispatcher = new FitDispatcher(Options, codec, transport, (ILogger?)logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
    }

    public IFitRegistry Registry { get; }

    public FitOptions Options { get; }

    internal FitDispatcher Dispatcher { get; }

    /// <inheritdoc />
    public T Get<T>(FitCallOptions? options = null)
        where T : class =>
        options is null
            ? (T)_proxies.GetValue(typeof(T), type => FitProxyFactory.Create(type, this, FitCallOptions.Default))
            : (T)FitProxyFactory.Create(typeof(T), this, options);

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(
        string genericableId,
        IReadOnlyList<object?> arguments,
        FitCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genericableId);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= FitCallOptions.Default;
        var plan = GetPlan(genericableId, options);
        var values = arguments as object?[] ?? [.. arguments];
        return Dispatcher.DispatchAsync(plan, values, options, resultType: null, cancellationToken);
    }

    /// <summary>Returns the route plan of a call shape, rebuilt when the registry changed since it was cached.</summary>
    internal RoutePlan GetPlan(string genericableId, FitCallOptions options, GenericableDescriptor? contract = null)
    {
        var key = new PlanKey(genericableId, options.FitableId, options.Alias, options.Accumulator is not null);
        // A plan built without the contract would encode by runtime types, so a proxy that has the contract rebuilds it.
        if (_plans.TryGetValue(key, out var plan) && plan.Version == Registry.Version && (contract is null || plan.Genericable is not null))
        {
            return plan;
        }

        plan = FitRouter.Plan(Registry, Options.Routes.TryGetValue(genericableId, out var route) ? route : null,
            genericableId, key.FitableId, key.Alias, key.Multicast, contract);
        _plans[key] = plan;
        return plan;
    }

    private readonly record struct PlanKey(string GenericableId, string? FitableId, string? Alias, bool Multicast);
}
