using System.Diagnostics;
using System.Net.Sockets;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>
/// A RabbitMQ node of the test's own, on loopback, with its own node name, ports and folders, so that a test can stop
/// and restart it without disturbing the broker other tests use. It follows .ci/rabbitmq.sh: rabbitmq-server drops to
/// the rabbitmq user, so the folders belong to that user, and only rabbitmqctl can stop the node.
/// </summary>
internal sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory;

    private PrivateRabbitMqNode(int port, string directory)
    {
        Port = port;
        _directory = directory;
        NodeName = $"fitbus{port}@localhost";
    }

    public int Port { get; }

    public string NodeName { get; }

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>The reason the node cannot run here, or <see langword="null"/>.</summary>
    public static string? Unavailable =>
        File.Exists("/usr/sbin/rabbitmq-server") || File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server")
            ? null
            : "rabbitmq-server is not installed; run .ci/rabbitmq.sh once to install it.";

    public static async Task<PrivateRabbitMqNode> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("fitbus-rabbitmq.").FullName;
        var port = FreePort();
        var node = new PrivateRabbitMqNode(port, directory);
        Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", directory], TimeSpan.FromSeconds(30));
        }

        await node.LaunchAsync();
        return node;
    }

    /// <summary>Stops the node and starts it again on the same port and folders.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async Task StopAsync() =>
        await RunAsync("rabbitmqctl", ["-n", NodeName, "stop"], TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file the broker still holds; the temporary folder is left behind.
            }
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("setsid", ["rabbitmq-server"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RABBITMQ_NODENAME"] = NodeName;
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_DIST_PORT"] = (Port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        start.Environment["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(_directory, "feature_flags");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "pid");
        using (var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start."))
        {
            // The server runs in its own session; its output is drained so that it never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
        }

        var deadline = DateTime.UtcNow + s_startTimeout;
        while (true)
        {
            if (await RunAsync("rabbitmqctl", ["-n", NodeName, "await_startup", "--timeout", "5"], TimeSpan.FromSeconds(20), throwOnFailure: false) == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The private RabbitMQ node {NodeName} did not start within {s_startTimeout}.");
            }

            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        // Two adjacent free ports: AMQP and Erlang distribution.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            if (IsFree(port) && IsFree(port + 1))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No two adjacent free ports on loopback.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<int> RunAsync(string file, string[] arguments, TimeSpan timeout, bool throwOnFailure = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with {process.ExitCode}: {await output}{await error}");
        }

        return process.ExitCode;
    }
}
