using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone studio started from its build output as its own process, as <c>dotnet run --no-launch-profile</c>
/// starts it, on a free loopback port, in the environment the test names.
/// </summary>
public sealed partial class StandaloneStudio : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private StandaloneStudio(Process process)
    {
        _process = process;
    }

    /// <summary>The studio's address, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address => _address.Task.Result;

    /// <summary>Starts the studio and waits until it listens.</summary>
    /// <param name="environmentName">The ASP.NET Core environment, such as <c>Production</c>.</param>
    /// <param name="serverUrl">The ModelEngine server the studio calls; the tests here never reach it.</param>
    public static async Task<StandaloneStudio> StartAsync(string environmentName, Uri serverUrl)
    {
        var projectFolder = Path.Combine(FindRepositoryRoot(), "studio", "ModelEngine.Studio");
        // The test runs from bin/{configuration}/net10.0/, and the studio was built in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var assembly = Path.Combine(projectFolder, "bin", configuration, "net10.0", "ModelEngine.Studio.dll");
        Assert.True(File.Exists(assembly), $"The studio's build output '{assembly}' does not exist. Build studio/ModelEngine.Studio in {configuration} first.");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Studio__ServerUrl"] = serverUrl.AbsoluteUri;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var studio = new StandaloneStudio(Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName} {assembly}' did not start."));
        studio._process.OutputDataReceived += (_, e) => studio.OnOutput(e.Data);
        studio._process.ErrorDataReceived += (_, e) => studio.OnOutput(e.Data);
        studio._process.BeginOutputReadLine();
        studio._process.BeginErrorReadLine();
        try
        {
            await studio._address.Task.WaitAsync(s_startTimeout);
        }
        catch (TimeoutException)
        {
            await studio.DisposeAsync();
            throw new TimeoutException($"The standalone studio did not listen within {s_startTimeout.TotalSeconds} s. Its output:\n{studio.Output}");
        }

        return studio;
    }

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _address.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "studio", "ModelEngine.Studio")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' holds studio/ModelEngine.Studio.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
