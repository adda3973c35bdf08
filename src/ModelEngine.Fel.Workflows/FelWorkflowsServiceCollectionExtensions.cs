using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Workflows;

namespace ModelEngine.Fel.Workflows;

/// <summary>Registers the FEL activities, the generation stream hub and the conversation gate.</summary>
public static class FelWorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the activities Prompt, Generate, Converse, Retrieve, SplitAndIndex, Parse and Delegate (type names
    /// <c>ModelEngine.Fel.*</c>), the in-process <see cref="IGenerationStreamHub"/> and the <see cref="ConversationGate"/>.
    /// The activities resolve <see cref="IFelModelCatalog"/>, <see cref="IKnowledgeBaseProvider"/>,
    /// <see cref="IKnowledgeIngestor"/> and the <see cref="IFelToolSource"/> services when they run, so an instance that
    /// reaches an activity whose service is missing faults with an incident that names it.
    /// </summary>
    public static IServiceCollection AddModelEngineFelWorkflows(this IServiceCollection services)
    {
        services.AddActivity<Prompt>()
            .AddActivity<Generate>()
            .AddActivity<Converse>()
            .AddActivity<Retrieve>()
            .AddActivity<SplitAndIndex>()
            .AddActivity<Parse>()
            .AddActivity<DelegateToAgent>();
        services.TryAddSingleton<IGenerationStreamHub, GenerationStreamHub>();
        services.TryAddSingleton<ConversationGate>();
        return services;
    }
}
