using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelEngine.Fit.Bus.Tests.Workers;

/// <summary>
/// The built src/ModelEngine.Worker, run with <c>dotnet exec</c> as a process of its own and configured by environment
/// variables alone, as a deployment would. Its console output is kept for failure messages. Disposing stops it with
/// SIGTERM and kills it when it does not exit in time.
/// </summary>
/// <remarks>
/// The server tests compile this file too (linked), so it depends on nothing else in this project. A test project that
/// uses it references the worker project with <c>ReferenceOutputAssembly="false"</c>, so the worker is built with the
/// tests in the same configuration.
/// </remarks>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The text the worker logs once its queue consumes (event 6105).</summary>
    public const string ReadyText = "FIT worker ready";

    private const int SigTerm = 15;

    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the worker wrote so far, stdout and stderr interleaved in arrival order.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts the worker with <c>Fit:WorkerId</c> set to <paramref name="workerId"/> and the configuration keys in
    /// <paramref name="settings"/> (written as <c>Fit:Bus:RabbitMq</c>, passed as <c>Fit__Bus__RabbitMq</c> variables).
    /// </summary>
    public static WorkerProcess Start(string workerId, IReadOnlyDictionary<string, string> settings)
    {
        var dll = LocateWorkerDll();
        var start = new ProcessStartInfo("dotnet")
        {
            // The worker reads appsettings.json from its content root, the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Fit__WorkerId"] = workerId;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process, workerId);
        process.OutputDataReceived += (_, line) => worker.Record(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Record(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"'dotnet exec {dll}' did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker logged <see cref="ReadyText"/>, and fails at once when it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(ReadyText, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"Worker '{WorkerId}' exited with code {_process.ExitCode} before it was ready. Its output:{Environment.NewLine}{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Worker '{WorkerId}' logged no '{ReadyText}' within {timeout}. Its output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM lets the worker send its stopping heartbeat and delete its queue, as in a real shutdown.
                _ = SendSignal(_process.Id, SigTerm);
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(s_stopTimeout);
                }
                catch (TimeoutException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().WaitAsync(s_stopTimeout);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>
    /// Finds ModelEngine.Worker.dll in the worker project's own output folder, built with the same configuration and
    /// framework as the tests, where its appsettings.json sits beside it.
    /// </summary>
    private static string LocateWorkerDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ModelEngine.sln")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"No ModelEngine.sln above {AppContext.BaseDirectory}.");
        var dll = Path.Combine(root.FullName, "src", "ModelEngine.Worker", "bin", configuration, framework, "ModelEngine.Worker.dll");
        Assert.True(File.Exists(dll), $"The worker is not built at {dll}; the test project's reference to src/ModelEngine.Worker builds it.");
        return dll;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
