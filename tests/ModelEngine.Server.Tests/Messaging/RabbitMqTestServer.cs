namespace ModelEngine.Server.Tests.Messaging;

/// <summary>
/// The RabbitMQ broker that the messaging tests use, named by the AMQP URI in <c>MODELENGINE_TEST_RABBITMQ</c>. Without
/// it the tests are skipped, except when <c>CI=true</c>, where they fail so that a broken CI setup is noticed.
/// </summary>
internal static class RabbitMqTestServer
{
    public const string VariableName = "MODELENGINE_TEST_RABBITMQ";

    public static string? Uri =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason to skip the RabbitMQ tests, or null when they must run.</summary>
    public static string? SkipReason => Uri is null && !IsCi
        ? $"{VariableName} is not set. To run the RabbitMQ tests, set it to the AMQP URI of a broker " +
          "(amqp://user:password@host:port/), or run 'source .ci/rabbitmq.sh' first to start a private one."
        : null;

    /// <summary>Returns the URI, or throws when the variable is missing.</summary>
    public static string RequireUri() => Uri ?? throw new InvalidOperationException(
        $"{VariableName} is not set, but CI=true requires the RabbitMQ tests to run. Source .ci/rabbitmq.sh before the tests, " +
        $"or set {VariableName} to the AMQP URI of a RabbitMQ broker.");
}
