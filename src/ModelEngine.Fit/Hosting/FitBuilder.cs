using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Hosting;

/// <summary>
/// Configures FIT after <c>AddFit</c>: fitables implemented in this process, routing rules in code, and, through
/// extension methods of other packages, plugins, shared memory and the bus.
/// </summary>
public sealed class FitBuilder
{
    /// <summary>The owner name of fitables registered in code.</summary>
    public const string CodeOwner = "code";

    private readonly List<Action<IServiceProvider, IFitRegistry>> _registrations;

    internal FitBuilder(IServiceCollection services, IConfiguration? configuration, FitOptions options, List<Action<IServiceProvider, IFitRegistry>> registrations)
    {
        Services = services;
        Configuration = configuration;
        Options = options;
        _registrations = registrations;
    }

    /// <summary>The service collection, for extension methods that add more FIT services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The configuration <c>AddFit</c> was given, or <see langword="null"/>.</summary>
    public IConfiguration? Configuration { get; }

    /// <summary>The dispatch settings, with the configuration already applied. Code may change them further.</summary>
    public FitOptions Options { get; }

    /// <summary>
    /// Registers the fitables <typeparamref name="TImplementation"/> provides, one per genericable method of the
    /// interfaces it implements. The instance comes from the container (a singleton created on first call).
    /// </summary>
    public FitBuilder AddFitable<TImplementation>()
        where TImplementation : class
    {
        Services.TryAddSingleton<TImplementation>();
        _registrations.Add((provider, registry) =>
        {
            var instance = new Lazy<object>(() => provider.GetRequiredService<TImplementation>());
            Register(registry, typeof(TImplementation), () => instance.Value);
        });
        return this;
    }

    /// <summary>Registers the fitables an existing instance provides.</summary>
    public FitBuilder AddFitable(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _registrations.Add((_, registry) => Register(registry, instance.GetType(), () => instance));
        return this;
    }

    /// <summary>Declares the routing of a genericable: rules on argument values, default fitable, timeout and retry.</summary>
    public FitRouteBuilder Route(string genericableId) => new(Options.Route(genericableId));

    /// <summary>Declares the routing of a genericable in one expression and returns this builder.</summary>
    public FitBuilder Route(string genericableId, Action<FitRouteBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Route(genericableId));
        return this;
    }

    /// <summary>Adds work to run on the registry when it is created, for extensions that register fitables.</summary>
    public FitBuilder OnRegistry(Action<IServiceProvider, IFitRegistry> registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _registrations.Add(registration);
        return this;
    }

    private static void Register(IFitRegistry registry, Type implementation, Func<object> factory)
    {
        var fitables = FitableBinder.Bind(implementation, factory, CodeOwner);
        if (fitables.Count == 0)
        {
            throw new InvalidOperationException(
                $"'{implementation.FullName}' implements no genericable interface, so it provides no fitable to register.");
        }

        foreach (var fitable in fitables)
        {
            registry.AddLocal(fitable);
        }
    }
}
