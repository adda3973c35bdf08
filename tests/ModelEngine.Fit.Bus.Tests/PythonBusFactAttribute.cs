using System.Diagnostics;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>
/// A fact that needs RabbitMQ and Debian's Python with pika and flatbuffers at /usr/bin/python3. Without either it is
/// skipped, except when <c>CI=true</c>, where it runs and fails.
/// </summary>
public sealed class PythonBusFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_pythonProblem = new(FindPythonProblem);

    public PythonBusFactAttribute()
    {
        Skip = RabbitMqTestServer.SkipReason ?? (RabbitMqTestServer.IsCi ? null : s_pythonProblem.Value);
    }

    private static string? FindPythonProblem()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import pika, flatbuffers"])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(20)) || process.ExitCode != 0)
            {
                return "/usr/bin/python3 cannot import pika and flatbuffers; install python3-pika and python3-flatbuffers.";
            }

            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "/usr/bin/python3 is not installed.";
        }
    }
}
