namespace ModelEngine.Fit.Bus.Tests;

/// <summary>A fact that needs the RabbitMQ broker in <c>MODELENGINE_TEST_RABBITMQ</c>.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        Skip = RabbitMqTestServer.SkipReason;
    }
}
