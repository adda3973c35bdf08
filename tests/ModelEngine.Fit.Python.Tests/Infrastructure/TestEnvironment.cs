using System.Diagnostics;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>
/// What the Python worker tests need from the machine: Debian's Python with pika and flatbuffers, and a RabbitMQ broker
/// named by <c>MODELENGINE_TEST_RABBITMQ</c>. Without them the tests are skipped, except when <c>CI=true</c>, where
/// they fail so that a broken CI setup is noticed.
/// </summary>
internal static class TestEnvironment
{
    public const string RabbitMqVariable = "MODELENGINE_TEST_RABBITMQ";

    /// <summary>The variable that <c>.ci/python.sh</c> exports with the interpreter to use.</summary>
    public const string PythonVariable = "MODELENGINE_TEST_PYTHON";

    /// <summary>
    /// The interpreter: <c>MODELENGINE_TEST_PYTHON</c>, or Debian's <c>/usr/bin/python3</c>. The <c>python3</c> first on
    /// PATH may be another installation that lacks Debian's packages, so PATH is not searched.
    /// </summary>
    public static string PythonPath { get; } =
        Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } value ? value : "/usr/bin/python3";

    private static readonly Lazy<string?> s_pythonProblem = new(FindPythonProblem);

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? RabbitMqUri =>
        Environment.GetEnvironmentVariable(RabbitMqVariable) is { Length: > 0 } value ? value : null;

    /// <summary>samples/python-operator in this repository.</summary>
    public static string SampleDirectory { get; } = Path.Combine(FindRepositoryRoot(), "samples", "python-operator");

    /// <summary>Why Python cannot run the worker, or null when it can.</summary>
    public static string? PythonProblem => s_pythonProblem.Value;

    public static string? PythonSkipReason => PythonProblem is { } problem && !IsCi
        ? problem + " Install Debian's python3-pika and python3-flatbuffers, or run 'source .ci/python.sh', to run the Python worker tests."
        : null;

    public static string? WorkerSkipReason => PythonSkipReason ?? (RabbitMqUri is null && !IsCi
        ? $"{RabbitMqVariable} is not set. To run the Python worker tests, set it to the AMQP URI of a broker " +
          "(amqp://user:password@host:port/), or run 'source .ci/rabbitmq.sh' first to start a private one."
        : null);

    /// <summary>Throws when Python cannot run the worker; under <c>CI=true</c> this fails the test instead of skipping it.</summary>
    public static void RequirePython()
    {
        if (PythonProblem is { } problem)
        {
            throw new InvalidOperationException(
                problem + " CI=true requires the Python worker tests to run: install python3-pika and python3-flatbuffers.");
        }
    }

    /// <summary>Returns the broker URI, or throws when the variable is missing.</summary>
    public static string RequireRabbitMqUri() => RabbitMqUri ?? throw new InvalidOperationException(
        $"{RabbitMqVariable} is not set, but CI=true requires the Python worker tests to run. Source .ci/rabbitmq.sh " +
        $"before the tests, or set {RabbitMqVariable} to the AMQP URI of a RabbitMQ broker.");

    private static string? FindPythonProblem()
    {
        if (!File.Exists(PythonPath))
        {
            return $"{PythonPath} does not exist.";
        }

        var start = new ProcessStartInfo(PythonPath, ["-c", "import pika, flatbuffers"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{PythonPath} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            return $"{PythonPath} did not import pika and flatbuffers within 30 s.";
        }

        return process.ExitCode == 0
            ? null
            : $"{PythonPath} cannot import pika and flatbuffers: {error.Result.Trim()}";
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelEngine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelEngine.sln above {AppContext.BaseDirectory}; the tests must run from the repository.");
    }
}
