using ModelEngine.Persistence.Tests.PostgreSql;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>A fact that needs both a RabbitMQ broker and a PostgreSQL server, skipped when either is missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RabbitMqPostgresFactAttribute : FactAttribute
{
    public RabbitMqPostgresFactAttribute()
    {
        Skip = RabbitMqTestServer.SkipReason ?? PostgresTestServer.SkipReason;
    }
}
