using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Messaging.Consumers;
using ModelEngine.Messaging.Execution;
using ModelEngine.Messaging.Outbox;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Messaging;

/// <summary>Registers the message bus (MassTransit), the outbox relay and the consumers.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The name of the bus health check with RabbitMQ, which <c>/health/ready</c> includes.</summary>
    public const string RabbitMqHealthCheckName = "rabbitmq";

    /// <summary>The name of the bus health check with the in-memory transport, which readiness ignores.</summary>
    public const string InMemoryHealthCheckName = "bus";

    /// <summary>
    /// Adds the bus on the transport that <c>Messaging:Transport</c> names, the outbox relay, the consumers and the
    /// message type catalog. With <see cref="MessagingTransport.RabbitMq"/> the registered <see cref="IWorkflowWorkQueue"/>
    /// is wrapped, so that Pending instances go to any node, and the bus health check carries
    /// <paramref name="readinessTag"/>. Call it after the work queue and any hosted service that must start first,
    /// such as a database migration, are registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">RabbitMq is chosen and <c>ConnectionStrings:RabbitMq</c> is missing or invalid.</exception>
    /// <param name="configureConsumers">Adds the host's own consumers, such as the one that fans task events out to its live connections.</param>
    public static IServiceCollection AddModelEngineMessaging(
        this IServiceCollection services,
        IConfiguration configuration,
        string readinessTag,
        int consumerConcurrency,
        Action<IBusRegistrationConfigurator, MessagingOptions>? configureConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        var options = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        var rabbitMqUri = options.Transport == MessagingTransport.RabbitMq ? RequireRabbitMqUri(configuration) : null;

        services.RemoveAll<MessageTypeCatalog>();
        services.AddSingleton(new MessageTypeCatalog(options.MessageTypes));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MessageStartFinder>();
        services.RemoveAll<IOutboxSignal>();
        services.AddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxSignal>());

        if (rabbitMqUri is not null)
        {
            WrapWorkQueue(services);
        }

        services.AddMassTransit(bus =>
        {
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = rabbitMqUri is null ? InMemoryHealthCheckName : RabbitMqHealthCheckName;
                health.MinimalFailureStatus = HealthStatus.Unhealthy;

                // With the in-memory bus there is no broker to be down, so readiness does not depend on it.
                if (rabbitMqUri is not null)
                {
                    health.Tags.Add(readinessTag);
                }
            });

            bus.AddConsumer<WorkflowMessageConsumer>()
                .Endpoint(endpoint => endpoint.Name = options.QueuePrefix + WorkflowMessageConsumer.QueueSuffix);
            configureConsumers?.Invoke(bus, options);
            if (rabbitMqUri is null)
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
                return;
            }

            bus.AddConsumer<RunWorkflowInstanceConsumer>(consumer => consumer.UseMessageRetry(retry =>
                    retry.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15))))
                .Endpoint(endpoint =>
                {
                    endpoint.Name = options.QueuePrefix + RunWorkflowInstanceConsumer.QueueSuffix;
                    endpoint.ConcurrentMessageLimit = consumerConcurrency;
                });
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(rabbitMqUri);
                transport.ConfigureEndpoints(context);
            });
        });

        services.AddHostedService<OutboxRelay>();
        return services;
    }

    private static Uri RequireRabbitMqUri(IConfiguration configuration)
    {
        var key = $"ConnectionStrings:{MessagingOptions.RabbitMqConnectionStringName}";
        var value = configuration.GetConnectionString(MessagingOptions.RabbitMqConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Messaging:Transport is RabbitMq, but {key} is missing. Set it to the AMQP URI of the broker, such as amqp://user:password@rabbitmq.internal:5672/, or set Messaging:Transport to InMemory.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            throw new InvalidOperationException(
                $"{key} is not an AMQP URI. Use the form amqp://user:password@host:5672/vhost (or amqps:// for TLS).");
        }

        return uri;
    }

    /// <summary>Replaces the registered work queue with one that announces instances on the bus and falls back to it.</summary>
    private static void WrapWorkQueue(IServiceCollection services)
    {
        var local = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IWorkflowWorkQueue))
            ?? throw new InvalidOperationException("Register the local IWorkflowWorkQueue before AddModelEngineMessaging, which wraps it.");
        services.RemoveAll<IWorkflowWorkQueue>();
        services.AddSingleton<IWorkflowWorkQueue>(provider => new BusWorkflowWorkQueue(
            provider.GetRequiredService<IBus>(),
            Resolve(provider, local),
            provider.GetRequiredService<IOptions<MessagingOptions>>().Value.PublishTimeout,
            provider.GetRequiredService<ILogger<BusWorkflowWorkQueue>>()));
    }

    private static IWorkflowWorkQueue Resolve(IServiceProvider provider, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IWorkflowWorkQueue instance } => instance,
        { ImplementationFactory: { } factory } => (IWorkflowWorkQueue)factory(provider),
        { ImplementationType: { } type } => (IWorkflowWorkQueue)ActivatorUtilities.GetServiceOrCreateInstance(provider, type),
        _ => throw new InvalidOperationException("The local IWorkflowWorkQueue registration has no implementation."),
    };
}
