using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Client;

/// <summary>
/// One method of a typed proxy: its genericable, call options and declared result type, and the route plan it keeps
/// between calls until the registry changes. Generated proxy code calls <see cref="Invoke"/>.
/// </summary>
internal sealed class FitProxyMethod(FitClient client, GenericableDescriptor genericable, FitCallOptions options)
{
    private readonly Type _resultType = genericable.ResultClrType ?? typeof(void);
    private RoutePlan? _plan;

    public GenericableDescriptor Genericable { get; } = genericable;

    public ValueTask<object?> Invoke(object?[] arguments, CancellationToken cancellationToken)
    {
        var plan = _plan;
        if (plan is null || plan.Version != client.Registry.Version)
        {
            _plan = plan = client.GetPlan(Genericable.Id, options, Genericable);
        }

        return client.Dispatcher.DispatchAsync(plan, arguments, options, _resultType, cancellationToken);
    }
}
