using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>
/// Runs the built server as a real process on a free loopback port, so that tests can kill it with SIGKILL and start
/// it again on the same SQLite file.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts the server on <paramref name="databasePath"/>, with extra configuration in <paramref name="settings"/>
    /// (environment variable names such as <c>Section__Key</c>), and waits until it serves requests.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var serverDll = FindServerDll();
        var port = FindFreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(serverDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["ConnectionStrings__ModelEngine"] = $"Data Source={databasePath}";
        startInfo.Environment["Logging__LogLevel__ModelEngine.Server.Hosting"] = "Debug";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"'dotnet {serverDll}' did not start.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = Timeouts.Request };

    /// <summary>Returns a client that sends the access token of <paramref name="username"/> (password <c>modelengine</c>).</summary>
    public async Task<HttpClient> CreateClientForAsync(string username)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/identity/login", new { username, password = "modelengine" }).WaitAsync(Timeouts.Request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var token = body?["accessToken"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token), $"Login as {username} failed with {(int)response.StatusCode}: {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, string description) =>
        Eventually.WaitAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), found => found, description, Timeouts.Poll);

    /// <summary>Kills the process and its children at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(Timeouts.Request);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        await Eventually.WaitAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"The server exited with code {_process.ExitCode} before it was ready. Output:{Environment.NewLine}{Output}");
                }

                var response = await client.GetAsync("/health/ready");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            $"the server at {BaseAddress} to report /health/ready",
            Timeouts.ProcessStart);
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Finds ModelEngine.Server.dll in the server project's own output folder, built with the same configuration as
    /// the tests, where its appsettings files sit beside it.
    /// </summary>
    private static string FindServerDll()
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
        var dll = Path.Combine(root.FullName, "src", "ModelEngine.Server", "bin", configuration, framework, "ModelEngine.Server.dll");
        Assert.True(File.Exists(dll), $"The server is not built at {dll}; build the solution first.");
        return dll;
    }
}
