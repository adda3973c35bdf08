using System.Diagnostics;
using ModelEngine.Fit.Python.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Fit.Python.Tests;

/// <summary>Runs the sample's own unittest suite (envelope encoding, value conversion, dispatch rules) under dotnet test.</summary>
public sealed class PythonUnitTests
{
    private readonly ITestOutputHelper _output;

    public PythonUnitTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [PythonFact]
    public async Task SampleUnitTests_Pass()
    {
        TestEnvironment.RequirePython();
        var start = new ProcessStartInfo(TestEnvironment.PythonPath, ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"])
        {
            WorkingDirectory = TestEnvironment.SampleDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{TestEnvironment.PythonPath} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // unittest reports on stderr.
        var report = (await stdout) + (await stderr);
        _output.WriteLine(report);
        Assert.True(process.ExitCode == 0, $"The Python unit tests failed (exit code {process.ExitCode}):{Environment.NewLine}{report}");
        Assert.Contains("OK", report);
    }
}
