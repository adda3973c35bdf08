namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL server that the PostgreSQL tests use, named by the <c>MODELENGINE_TEST_POSTGRES</c> connection string.
/// Without it the tests are skipped, except when <c>CI=true</c>, where they fail so that a broken CI setup is noticed.
/// </summary>
internal static class PostgresTestServer
{
    public const string VariableName = "MODELENGINE_TEST_POSTGRES";

    /// <summary>The connection string of the server, or null when the variable is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    /// <summary>Whether the run is on CI, where a missing server fails the tests instead of skipping them.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason to skip the PostgreSQL tests, or null when they must run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"{VariableName} is not set. To run the PostgreSQL tests, set it to a connection string of a PostgreSQL server " +
          "whose user may create databases, or run 'source .ci/postgres.sh' first to start a private server."
        : null;

    /// <summary>Returns the connection string, or throws when the variable is missing.</summary>
    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{VariableName} is not set, but CI=true requires the PostgreSQL tests to run. Source .ci/postgres.sh before the tests, " +
        $"or set {VariableName} to a connection string of a PostgreSQL server whose user may create databases.");
}
