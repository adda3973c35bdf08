using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>
/// samples/python-operator/worker.py running under Debian's Python, with its stdout and stderr kept for diagnostics.
/// Disposing stops it with SIGTERM, and kills it when it does not exit in time.
/// </summary>
internal sealed partial class PythonWorkerProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "FIT worker ready";

    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PythonWorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the worker wrote so far, stdout and stderr interleaved in arrival order.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static PythonWorkerProcess Start(string amqpUri, string workerId, string nodeId)
    {
        var start = new ProcessStartInfo(TestEnvironment.PythonPath)
        {
            WorkingDirectory = TestEnvironment.SampleDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-u", "worker.py", "--amqp-uri", amqpUri, "--worker-id", workerId, "--node-id", nodeId,
                     "--module", "text_fitables", "--module", "tests.faulty_fitables",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the repository free of __pycache__ folders.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new PythonWorkerProcess(process, workerId);
        process.OutputDataReceived += (_, line) => worker.OnLine(line.Data, "out");
        process.ErrorDataReceived += (_, line) => worker.OnLine(line.Data, "err");
        process.Exited += (_, _) => worker._ready.TrySetException(new InvalidOperationException(
            $"The Python worker exited before it was ready. Its output:{Environment.NewLine}{worker.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the worker's ready line and returns it.</summary>
    public async Task<string> WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"The Python worker '{WorkerId}' printed no '{ReadyPrefix}' line within {timeout}. Its output:{Environment.NewLine}{Output}",
                exception);
        }
    }

    /// <summary>Waits until the worker's output contains <paramref name="fragment"/>, polling every 50 ms.</summary>
    public async Task WaitForOutputAsync(string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(fragment, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The Python worker '{WorkerId}' wrote no '{fragment}' within {timeout}. Its output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime or a service manager would.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"The Python worker '{WorkerId}' did not exit within {timeout}. Its output:{Environment.NewLine}{Output}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{stream}] {line}");
        if (stream == "out" && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
