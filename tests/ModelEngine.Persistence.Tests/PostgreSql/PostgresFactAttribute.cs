namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>A fact that needs a PostgreSQL server. It is skipped whenever <see cref="PostgresTestServer.SkipReason"/> is not null.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresTestServer.SkipReason;
    }
}
