using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.MassTransit.Heartbeats;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Serialization;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.MassTransit.Transport;
using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.MassTransit.Worker;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.MassTransit;

/// <summary>Registers the FIT bus: a MassTransit bus of its own over RabbitMQ, in the caller role, the worker role or both.</summary>
public static class FitMassTransitServiceCollectionExtensions
{
    /// <summary>The name of the AMQP URI under <c>ConnectionStrings</c> that the messaging bus uses, taken when <c>Fit:Bus:RabbitMq</c> is empty.</summary>
    public const string SharedConnectionStringName = "RabbitMq";

    /// <summary>
    /// Adds the FIT bus from <c>Fit</c> and <c>Fit:Bus</c>. A caller gets <see cref="IFitRemoteTransport"/> and a registry
    /// fed by heartbeats. A worker gets its queue <c>fit.worker.{workerId}</c>, which runs requests through the registered
    /// <see cref="IFitRequestExecutor"/>, and a heartbeat publisher. The bus is separate from the server's messaging bus
    /// (<c>AddMassTransit&lt;IFitBus&gt;</c>), so the FIT serializer and queues do not touch workflow messages.
    /// </summary>
    /// <exception cref="InvalidOperationException">No RabbitMQ URI is configured, or it is not an AMQP URI.</exception>
    public static IServiceCollection AddFitMassTransit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(FitBusOptions.SectionName);
        services.AddOptions<FitBusOptions>().Bind(section);
        services.AddOptions<FitNodeOptions>().Bind(configuration.GetSection(FitNodeOptions.SectionName));
        var options = section.Get<FitBusOptions>() ?? new FitBusOptions();
        var rabbitMq = ResolveRabbitMqUri(configuration, options);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFitRegistry, FitRegistry>();
        services.TryAddSingleton<IFitEnvelopeCodec, FlatBuffersEnvelopeCodec>();
        services.TryAddSingleton(provider => FitBusIdentity.From(provider.GetRequiredService<IOptions<FitNodeOptions>>().Value));
        services.TryAddSingleton<FitBusConnectionMonitor>();

        var caller = options.Role.HasFlag(FitBusRole.Caller);
        var worker = options.Role.HasFlag(FitBusRole.Worker);
        services.AddMassTransit<IFitBus>(bus =>
        {
            if (caller)
            {
                bus.AddConsumer<FitHeartbeatConsumer>();
            }

            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(rabbitMq, host =>
                {
                    host.MaxMessageSize(options.MaxMessageSize);
                    host.PublisherConfirmation = options.PublisherConfirmation;
                });
                var factory = new FitSerializerFactory();
                transport.ClearSerialization();
                transport.AddSerializer(factory);
                transport.AddDeserializer(factory, isDefault: true);
                transport.ConnectBusObserver(context.GetRequiredService<FitBusConnectionMonitor>());
                var identity = context.GetRequiredService<FitBusIdentity>();

                if (worker)
                {
                    transport.ReceiveEndpoint(identity.Queue, endpoint =>
                    {
                        // The queue and its exchange go with the worker, as docs/fit-protocol.md specifies.
                        endpoint.Durable = false;
                        endpoint.AutoDelete = true;
                        endpoint.Exclusive = false;
                        endpoint.ConfigureConsumeTopology = false;
                        endpoint.PublishFaults = false;
                        endpoint.PrefetchCount = Math.Max(1, options.PrefetchCount);
                        endpoint.ConcurrentMessageLimit = Math.Max(1, options.ConcurrentMessageLimit);

                        // A handler on one consumer instance: its dependencies are singletons, so a DI scope and a
                        // consumer factory per request would only add allocations to every call.
                        var consumer = context.GetRequiredService<FitRequestConsumer>();
                        endpoint.Handler<FitRequestMessage>(consumer.Consume);
                    });
                }

                if (caller)
                {
                    transport.ReceiveEndpoint(new TemporaryEndpointDefinition("fit-heartbeats"), endpoint =>
                    {
                        endpoint.ConfigureConsumeTopology = false;
                        endpoint.PublishFaults = false;
                        endpoint.Bind(FitBusNames.HeartbeatExchange);
                        endpoint.ConfigureConsumer<FitHeartbeatConsumer>(context);
                        endpoint.ConnectReceiveEndpointObserver(context.GetRequiredService<FitHeartbeatListener>());
                    });
                }
            });
        });

        if (caller)
        {
            services.TryAddSingleton(provider => new MassTransitFitTransport(
                provider.GetRequiredService<IFitBus>(),
                provider.GetRequiredService<IFitRegistry>(),
                provider.GetRequiredService<IFitEnvelopeCodec>(),
                provider.GetRequiredService<FitBusConnectionMonitor>(),
                provider.GetRequiredService<IOptions<FitBusOptions>>(),
                provider.GetRequiredService<FitBusIdentity>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<MassTransitFitTransport>>()));
            services.TryAddSingleton<IFitRemoteTransport>(provider => provider.GetRequiredService<MassTransitFitTransport>());
            services.AddSingleton<FitHeartbeatListener>();
            services.AddHostedService(provider => provider.GetRequiredService<FitHeartbeatListener>());
        }

        if (worker)
        {
            services.TryAddSingleton(provider => new FitRequestConsumer(
                provider.GetRequiredService<IFitRequestExecutor>(),
                provider.GetRequiredService<IFitEnvelopeCodec>(),
                provider.GetRequiredService<FitBusIdentity>(),
                provider.GetRequiredService<ILogger<FitRequestConsumer>>()));
            services.AddSingleton(provider => new FitHeartbeatPublisher(
                provider.GetRequiredService<IFitBus>(),
                provider.GetRequiredService<IFitRegistry>(),
                provider.GetRequiredService<IFitEnvelopeCodec>(),
                provider.GetRequiredService<FitBusConnectionMonitor>(),
                provider.GetRequiredService<FitBusIdentity>(),
                provider.GetRequiredService<IOptions<FitBusOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<FitHeartbeatPublisher>>(),
                TransferEndpoint(provider)));
            services.AddHostedService(provider => provider.GetRequiredService<FitHeartbeatPublisher>());
        }

        return services;
    }

    /// <summary>
    /// Reads the endpoint heartbeats announce: <c>Fit:Bus:TransferEndpoint</c>, or else the address the node's TCP
    /// transfer server bound, once it has started.
    /// </summary>
    private static Func<string?> TransferEndpoint(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<FitBusOptions>>().Value.TransferEndpoint;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return () => configured;
        }

        var server = provider.GetService<TcpTransferServer>();
        return () => server?.BoundEndpoint?.ToString();
    }

    private static Uri ResolveRabbitMqUri(IConfiguration configuration, FitBusOptions options)
    {
        var value = string.IsNullOrWhiteSpace(options.RabbitMq)
            ? configuration.GetConnectionString(SharedConnectionStringName)
            : options.RabbitMq;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"The FIT bus needs RabbitMQ: set {FitBusOptions.SectionName}:RabbitMq, or ConnectionStrings:{SharedConnectionStringName}, to an AMQP URI such as amqp://user:password@rabbitmq.internal:5672/.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            throw new InvalidOperationException(
                $"The FIT bus's RabbitMQ address is not an AMQP URI. Use the form amqp://user:password@host:5672/vhost (or amqps:// for TLS).");
        }

        return uri;
    }
}
