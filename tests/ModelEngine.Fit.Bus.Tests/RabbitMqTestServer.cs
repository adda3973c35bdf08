namespace ModelEngine.Fit.Bus.Tests;

/// <summary>
/// The broker the bus tests use, named by the AMQP URI in <c>MODELENGINE_TEST_RABBITMQ</c>. Without it the tests are
/// skipped, except when <c>CI=true</c>, where they fail so that a broken CI setup is noticed.
/// </summary>
internal static class RabbitMqTestServer
{
    public const string VariableName = "MODELENGINE_TEST_RABBITMQ";

    public static string? Uri => Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full stress counts when <c>MODELENGINE_STRESS=full</c>.</summary>
    public static bool FullStress => string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => Uri is null && !IsCi
        ? $"{VariableName} is not set. Set it to the AMQP URI of a broker, or run 'source .ci/rabbitmq.sh' first to start a private one."
        : null;

    public static string RequireUri() => Uri ?? throw new InvalidOperationException(
        $"{VariableName} is not set, but CI=true requires the bus tests to run. Source .ci/rabbitmq.sh before the tests.");
}
