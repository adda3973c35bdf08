using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelEngine.Messaging;
using ModelEngine.Messaging.Outbox;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Notifications.Configuration;
using ModelEngine.Server.Notifications.Delivery;
using ModelEngine.Server.Notifications.Directory;
using ModelEngine.Server.Notifications.Email;
using ModelEngine.Server.Notifications.LiveInbox;
using ModelEngine.Server.Notifications.Webhooks;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Server.Notifications;

/// <summary>Registers the task hub, the webhook and e-mail deliveries and their settings.</summary>
internal static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddTaskNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();

        services.AddSignalR().AddJsonProtocol(options =>
        {
            WorkflowJson.Configure(options.PayloadSerializerOptions);
            options.PayloadSerializerOptions.Converters.Add(new UtcDateTimeOffsetJsonConverter());
            if (!options.PayloadSerializerOptions.Converters.OfType<JsonStringEnumConverter>().Any())
            {
                options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            }
        });
        services.AddSingleton<TaskConnectionRegistry>();
        services.AddSingleton<TaskInboxBroadcaster>();

        services.TryAddSingleton<IUserDirectory, ConfiguredUserDirectory>();
        services.AddSingleton<NotificationDeliverySignal>();
        services.AddSingleton<IOutboxMessageHandler, TaskEventDeliveryPlanner>();
        services.AddHttpClient(WebhookSender.HttpClientName);
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddHostedService<NotificationDeliveryService>();
        return services;
    }

    /// <summary>
    /// Adds the consumer that forwards task events to this node's hub connections, on an endpoint of this node's own
    /// that the broker deletes when the node stops, so every node hears every event.
    /// </summary>
    public static void AddTaskNotificationConsumers(IBusRegistrationConfigurator bus, MessagingOptions options)
    {
        // A new id for each host, so that two hosts in one process, as in tests, get queues of their own too.
        var hostInstanceId = Guid.NewGuid().ToString("N")[..12];
        bus.AddConsumer<TaskEventFanOutConsumer>().Endpoint(endpoint =>
        {
            endpoint.Name = options.QueuePrefix + TaskEventFanOutConsumer.EndpointSuffix;
            endpoint.InstanceId = "-" + hostInstanceId;
            endpoint.Temporary = true;

            // One event at a time keeps the commit order, so a client never sees a task's older state after a newer one.
            endpoint.ConcurrentMessageLimit = 1;
        });
    }

    public static WebApplication MapTaskHub(this WebApplication app)
    {
        app.MapHub<TaskHub>(TaskHub.Path);
        return app;
    }
}
