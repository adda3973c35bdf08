using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Resolves the services the FEL activities use when they run, and turns a missing service or a failed model call into
/// an incident that names what to configure or what failed.
/// </summary>
internal static class FelServices
{
    /// <summary>Returns the chat client of model <paramref name="model"/>.</summary>
    /// <exception cref="WorkflowFaultException">No model name is set, no model catalog is registered, or the model is not configured.</exception>
    public static IChatClient GetChatClient(ActivityExecutionContext context, string describe, string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new WorkflowFaultException(
                $"{describe} has no model. Set 'model' to the name of a chat model configured under Fel:Models, such as 'drafting' for Fel:Models:drafting.");
        }

        var catalog = context.Services.GetService<IFelModelCatalog>()
            ?? throw new WorkflowFaultException(
                $"{describe} cannot call model '{model}': this server has no FEL model catalog. Configure the model under Fel:Models:{model} " +
                $"(Fel:Models:{model}:Provider, Fel:Models:{model}:Endpoint and Fel:Models:{model}:Model) and make sure the server adds the FEL model module.");
        try
        {
            return catalog.GetChatClient(model);
        }
        catch (FelModelNotConfiguredException exception)
        {
            throw new WorkflowFaultException($"{describe} cannot run: {exception.Message}");
        }
    }

    /// <summary>Returns a required service, or faults with a message that names it and the module that registers it.</summary>
    public static T GetRequired<T>(ActivityExecutionContext context, string describe, string module)
        where T : class =>
        context.Services.GetService<T>()
            ?? throw new WorkflowFaultException($"{describe} cannot run: this server has no {typeof(T).Name}. Add {module} to the server's services.");

    /// <summary>Returns the generation stream hub, or <see langword="null"/> when none is registered.</summary>
    public static IGenerationStreamHub? GetStreamHub(ActivityExecutionContext context) => context.Services.GetService<IGenerationStreamHub>();

    /// <summary>
    /// Wraps a failed model call in an incident that keeps the provider's message. Returns <see langword="null"/> for
    /// exceptions that must pass unchanged: incidents already worded, and the step's own cancellation.
    /// </summary>
    public static WorkflowFaultException? DescribeFailure(ActivityExecutionContext context, string describe, string model, Exception exception) => exception switch
    {
        WorkflowFaultException => null,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => null,
        FelContextLimitExceededException => new WorkflowFaultException($"{describe} did not call model '{model}': {exception.Message}"),
        OperationCanceledException => new WorkflowFaultException(
            $"{describe} called model '{model}', and the call was cancelled or timed out although the instance was not: {exception.Message} Retry the instance to call the model again."),
        _ => new WorkflowFaultException($"{describe} failed calling model '{model}': {exception.Message}"),
    };
}
