using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Workflows.Activities;
using ModelEngine.Workflows;

namespace ModelEngine.Fit.Workflows;

/// <summary>Registers the workflow activities that call FIT operators.</summary>
public static class FitWorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>ModelEngine.InvokeOperator</c> activity. The activity resolves <see cref="Client.IFitClient"/> and,
    /// to map named arguments, <see cref="Registry.IFitRegistry"/> when it runs, so register FIT itself as well. An
    /// instance that reaches the activity without a client faults with an incident about the missing client.
    /// </summary>
    public static IServiceCollection AddModelEngineFitWorkflows(this IServiceCollection services)
    {
        services.AddActivity<InvokeOperator>();
        return services;
    }
}
