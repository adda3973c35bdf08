namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>A theory that needs a PostgreSQL server. It is skipped whenever <see cref="PostgresTestServer.SkipReason"/> is not null.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        Skip = PostgresTestServer.SkipReason;
    }
}
