using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Activities.Composition;
using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Activities.Looping;
using ModelEngine.Workflows.Activities.Messaging;
using ModelEngine.Workflows.Activities.Primitives;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Runtime.Leases;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows;

/// <summary>Registers the engine: built-in activities and expressions, the runtime and in-memory stores.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine. Stores default to memory; a persistence module registered before or after replaces them,
    /// because the defaults are added only when no other registration exists.
    /// </summary>
    public static IServiceCollection AddModelEngineWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton<IActivityRegistry>(provider => provider.GetRequiredService<ActivityRegistry>());
        services.TryAddSingleton<ExpressionEvaluatorRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, LiteralEvaluator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, VariableEvaluator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, InputEvaluator>());
        services.AddSingleton<IExpressionEvaluator>(new ObjectEvaluator());
        services.AddSingleton<IExpressionEvaluator>(new ObjectEvaluator(ExpressionTypes.Json));
        services.TryAddSingleton<WorkflowLoader>();
        services.TryAddSingleton<WorkflowGraphCache>();
        services.TryAddSingleton<InstanceLocks>();
        services.AddOptions<WorkflowLeaseOptions>();
        services.TryAddSingleton<InstanceLeases>();
        services.TryAddSingleton<IWorkflowRuntime, WorkflowRuntime>();
        services.TryAddSingleton<IWorkflowDefinitionService, WorkflowDefinitionService>();
        services.TryAddSingleton<IWorkflowWorkQueue, NullWorkflowWorkQueue>();
        services.TryAddSingleton<ChildWorkflowSweeper>();
        services.TryAddSingleton<DefinitionActivityCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowPublicationHandler, ChildWorkflowPublicationValidator>());
        services.TryAddSingleton<IOutboxSignal, NullOutboxSignal>();
        services.TryAddSingleton(new MessageTypeCatalog([]));

        services.TryAddSingleton<InMemoryWorkflowStore>();
        services.TryAddSingleton<IWorkflowDefinitionStore>(provider => provider.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IWorkflowInstanceStore>(provider => provider.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IWorkflowCommitter>(provider => provider.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IDurableTimerStore>(provider => provider.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
        services.TryAddSingleton<InMemoryIdempotencyStore>();
        services.TryAddSingleton<IIdempotencyStore>(provider => provider.GetRequiredService<InMemoryIdempotencyStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommitChangeHandler, InMemoryIdempotencyStore>(provider => provider.GetRequiredService<InMemoryIdempotencyStore>()));
        services.TryAddSingleton<IHttpTriggerStore, InMemoryHttpTriggerStore>();
        services.TryAddSingleton<IWorkflowLeaseStore, InMemoryWorkflowLeaseStore>();
        services.TryAddSingleton<IOutboxStore>(provider => provider.GetRequiredService<InMemoryWorkflowStore>());

        services.AddActivity<Flowchart>()
            .AddActivity<NotFoundActivity>()
            .AddActivity<Start>()
            .AddActivity<End>()
            .AddActivity<Finish>()
            .AddActivity<Fault>()
            .AddActivity<SetVariable>()
            .AddActivity<SetOutput>()
            .AddActivity<WriteLine>()
            .AddActivity<FlowDecision>()
            .AddActivity<FlowSwitch>()
            .AddActivity<FlowFork>()
            .AddActivity<FlowJoin>()
            .AddActivity<Delay>()
            .AddActivity<Cron>()
            .AddActivity<StartAt>()
            .AddActivity<Activities.Primitives.Timer>()
            .AddActivity<RunTask>()
            .AddActivity<Event>()
            .AddActivity<HttpEndpoint>()
            .AddActivity<WriteHttpResponse>()
            .AddActivity<PublishMessage>()
            .AddActivity<MessageReceived>()
            .AddActivity<While>()
            .AddActivity<ForEach>()
            .AddActivity<Break>()
            .AddActivity<ParallelForEach>()
            .AddActivity<ExecuteWorkflow>()
            .AddActivity<DispatchWorkflow>()
            .AddActivity<WorkflowDefinitionActivity>();
        return services;
    }

    /// <summary>Registers an activity class so that definitions can use its type name and aliases.</summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services)
        where TActivity : Activity, new()
    {
        services.AddSingleton(new ActivityType(typeof(TActivity)));
        return services;
    }
}
