using System.Diagnostics;
using System.Globalization;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// Names a process by its id and start time, so that a segment whose owner died is recognised even when the
/// operating system has given the id to a new process.
/// </summary>
internal static class ProcessIdentity
{
    /// <summary>This process's start time, read once.</summary>
    private static readonly Lazy<long> s_currentStartTime = new(() => ReadStartTime(Environment.ProcessId) ?? 0);

    public static int CurrentId => Environment.ProcessId;

    public static long CurrentStartTime => s_currentStartTime.Value;

    /// <summary>
    /// Checks whether the process <paramref name="processId"/> that started at <paramref name="startTime"/> still runs.
    /// </summary>
    public static bool IsAlive(int processId, long startTime)
    {
        if (processId <= 0)
        {
            return false;
        }

        var current = ReadStartTime(processId);
        return current is { } value && (startTime == 0 || value == startTime);
    }

    /// <summary>
    /// Reads the start time of a process: on Linux the <c>starttime</c> field of <c>/proc/{pid}/stat</c> (clock ticks since
    /// boot), elsewhere <see cref="Process.StartTime"/> in ticks. Returns null when the process does not exist.
    /// </summary>
    public static long? ReadStartTime(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            return ReadLinuxStartTime(processId);
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static long? ReadLinuxStartTime(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // The process exists but belongs to another user. Its start time cannot be read, so it counts as alive.
            return 0;
        }

        // The command name in parentheses may contain spaces. The fields after the last ')' start at field 3, state.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        const int StartTimeIndex = 22 - 3;
        if (fields.Length <= StartTimeIndex)
        {
            return null;
        }

        // A zombie has exited and will never release its references.
        if (fields[0] == "Z" || fields[0] == "X")
        {
            return null;
        }

        return long.TryParse(fields[StartTimeIndex], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
