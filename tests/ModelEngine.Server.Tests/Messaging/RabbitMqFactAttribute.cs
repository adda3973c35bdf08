namespace ModelEngine.Server.Tests.Messaging;

/// <summary>A fact that needs a RabbitMQ broker. It is skipped whenever <see cref="RabbitMqTestServer.SkipReason"/> is not null.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        Skip = RabbitMqTestServer.SkipReason;
    }
}
