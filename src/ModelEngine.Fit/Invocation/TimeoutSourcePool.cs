namespace ModelEngine.Fit.Invocation;

/// <summary>
/// Keeps one reset <see cref="CancellationTokenSource"/> per thread for calls to local fitables that take a token and
/// finish at once, so that arming the timeout costs a timer change instead of a source and a timer allocated per call.
/// A source goes back only when its call finished synchronously and it was never cancelled.
/// </summary>
internal static class TimeoutSourcePool
{
    [ThreadStatic]
    private static CancellationTokenSource? t_cached;

    public static CancellationTokenSource Rent(TimeSpan timeout)
    {
        var source = t_cached ?? new CancellationTokenSource();
        t_cached = null;
        source.CancelAfter(timeout);
        return source;
    }

    /// <summary>Resets the source for the next call on this thread, or disposes it when it cannot be reset.</summary>
    public static void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            t_cached = source;
        }
        else
        {
            source.Dispose();
        }
    }
}
