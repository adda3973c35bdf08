namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>
/// Marks a subclass of a contract suite that runs on PostgreSQL, so that its inherited <see cref="Contracts.ContractFactAttribute"/>
/// tests are skipped whenever <see cref="PostgresTestServer.SkipReason"/> is not null.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute
{
}
