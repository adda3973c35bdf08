using System.Diagnostics;

namespace ModelEngine.Fit.Tests.Transfer;

/// <summary>Runs tests/ModelEngine.Fit.TestNode as a second node and talks to it one line at a time.</summary>
public sealed class TestNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private TestNodeProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The node's transfer endpoint, as it printed it.</summary>
    public string Endpoint { get; }

    public int ProcessId => _process.Id;

    public static async Task<TestNodeProcess> StartAsync(string nodeId, string directory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LocateAssembly());
        start.ArgumentList.Add(nodeId);
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The test node did not start.");
        var ready = await ReadLineAsync(process);
        if (!ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The test node answered '{ready}' instead of READY.");
        }

        return new TestNodeProcess(process, ready["READY ".Length..]);
    }

    /// <summary>Sends one command and returns the reply line.</summary>
    public async Task<string> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command).WaitAsync(s_replyTimeout);
        await _process.StandardInput.FlushAsync().WaitAsync(s_replyTimeout);
        return await ReadLineAsync(_process);
    }

    /// <summary>Ends the process with SIGKILL, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("EXIT");
                await _process.StandardInput.FlushAsync();
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(exit.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(s_replyTimeout);
        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(s_replyTimeout);
            throw new InvalidOperationException($"The test node exited: {error}");
        }

        return line;
    }

    /// <summary>The test node's build output, next to this project's in the same configuration and framework.</summary>
    private static string LocateAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var testsRoot = configuration.Parent!.Parent!.Parent!;
        var path = Path.Combine(testsRoot.FullName, "ModelEngine.Fit.TestNode", "bin", configuration.Name, framework.Name, "ModelEngine.Fit.TestNode.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/ModelEngine.Fit.TestNode first.", path);
    }
}
