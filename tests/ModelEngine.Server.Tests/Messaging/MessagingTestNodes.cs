using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>Builds server hosts with messaging settings for one test, each test with its own queue prefix.</summary>
internal static class MessagingTestNodes
{
    public const string MessageType = "OrderShipped";

    /// <summary>A queue prefix of its own, so that tests sharing one broker do not take each other's messages.</summary>
    public static string NewQueuePrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A host on RabbitMQ at <paramref name="rabbitMqUri"/> with <see cref="MessageType"/> configured.</summary>
    public static ServerFactory RabbitMq(string rabbitMqUri, string queuePrefix, string? databasePath = null)
    {
        var factory = new ServerFactory()
            .WithSetting("Messaging:Transport", "RabbitMq")
            .WithSetting("ConnectionStrings:RabbitMq", rabbitMqUri)
            .WithSetting("Messaging:QueuePrefix", queuePrefix)
            .WithSetting("Messaging:MessageTypes:0", MessageType)
            .WithSetting("Messaging:PublishTimeout", "00:00:05");
        if (databasePath is not null)
        {
            factory.WithSetting("ConnectionStrings:ModelEngine", $"Data Source={databasePath}");
        }

        return factory;
    }

    /// <summary>
    /// Starts the host and waits until <c>/health/ready</c> reports the bus connected. A queue that the broker has not
    /// bound yet drops what is published to its exchange, so tests publish only after this.
    /// </summary>
    public static async Task WaitUntilReadyAsync(ServerFactory factory)
    {
        var client = factory.CreateClient();
        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/health/ready")).StatusCode,
            status => status == System.Net.HttpStatusCode.OK,
            "/health/ready to report the bus connected to RabbitMQ");
    }

    /// <summary>A host on the in-memory bus with <see cref="MessageType"/> configured.</summary>
    public static ServerFactory InMemory() => new ServerFactory()
        .WithSetting("Messaging:MessageTypes:0", MessageType);
}
