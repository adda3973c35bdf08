namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>The database that the EF Core stores run on.</summary>
public enum PersistenceProvider
{
    /// <summary>A SQLite file, for a single server. Migrations come from <c>ModelEngine.Migrations.Sqlite</c>.</summary>
    Sqlite,

    /// <summary>PostgreSQL, which several server nodes can share. Migrations come from <c>ModelEngine.Migrations.PostgreSql</c>.</summary>
    PostgreSql,

    /// <summary>Microsoft SQL Server, which several server nodes can share. Migrations come from <c>ModelEngine.Migrations.SqlServer</c>.</summary>
    SqlServer,
}
