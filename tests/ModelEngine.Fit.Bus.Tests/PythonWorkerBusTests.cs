using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>
/// The Python operator worker in samples/python-operator, run by /usr/bin/python3, called through the .NET transport:
/// both sides of the contract in docs/fit-protocol.md, written apart, work together.
/// </summary>
public sealed class PythonWorkerBusTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [PythonBusFact]
    public async Task ThePythonWorker_AnswersThroughTheTransport_AndLeavesOnSigterm()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var sample = Path.Combine(RepositoryRoot(), "samples", "python-operator");
        Assert.True(File.Exists(Path.Combine(sample, "worker.py")), $"The Python worker is missing from {sample}.");
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller);
        var workerId = "py-" + Guid.NewGuid().ToString("N")[..8];

        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = sample,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-u", "worker.py", "--amqp-uri", uri, "--worker-id", workerId, "--node-id", "python-node", "--module", "text_fitables" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var python = Process.Start(start)!;
        python.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        python.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        python.BeginOutputReadLine();
        python.BeginErrorReadLine();
        try
        {
            await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == workerId) || python.HasExited, s_wait, "the Python worker's heartbeat arrives");
            Assert.False(python.HasExited, "The Python worker exited: " + string.Join('\n', output));
            var worker = caller.Registry.Workers.Single(w => w.WorkerId == workerId);
            Assert.Equal("python", worker.Language);

            var request = new FitRequest
            {
                RequestId = string.Empty,
                GenericableId = "samples.text.reverse",
                FitableId = "reverse-py",
                Arguments = [new FitValue(FitValueKind.Utf8, Encoding.UTF8.GetBytes("Grüße, FIT"))],
                Timeout = TimeSpan.FromSeconds(20),
            };
            var response = await caller.Transport.InvokeAsync(worker, request, CancellationToken.None).WaitAsync(s_wait);

            Assert.Equal(FitResponseStatus.Ok, response.Status);
            Assert.Equal("TIF ,eßürG", Encoding.UTF8.GetString(response.Result.Data.Span));
            Assert.Equal(workerId, response.WorkerId);

            // SIGTERM makes the worker send its stopping heartbeat, which removes it from the registry at once.
            Assert.Equal(0, Kill(python.Id, 15));
            await FitNode.WaitUntilAsync(() => caller.Registry.Workers.All(w => w.WorkerId != workerId), s_wait, "the stopping heartbeat removes the Python worker");
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }

            await python.WaitForExitAsync(CancellationToken.None).WaitAsync(s_wait);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModelEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ModelEngine.sln was not found above the test folder.");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
