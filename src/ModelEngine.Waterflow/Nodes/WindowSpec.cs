namespace ModelEngine.Waterflow;

/// <summary>When a reduce emits before its session completes: after a count, after a time, or on a condition.</summary>
internal sealed class WindowSpec<T>
{
    public int? Count { get; init; }

    public TimeSpan? Duration { get; init; }

    public Func<WindowInfo<T>, bool>? Condition { get; init; }

    public string Describe() =>
        Count is { } count ? $"window {count}" : Duration is { } duration ? $"window {duration.TotalMilliseconds} ms" : "window condition";

    /// <summary>Decides whether a window is full. Reads the clock only for time and condition windows.</summary>
    public bool IsFulfilled(T item, int count, TimeProvider time, long startedAt)
    {
        if (Count is { } limit)
        {
            return count >= limit;
        }

        var elapsed = time.GetElapsedTime(startedAt);
        if (Duration is { } duration)
        {
            return elapsed >= duration;
        }

        return Condition!(new WindowInfo<T>(item, count, elapsed));
    }
}
