namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Polls a condition with a bounded wait instead of sleeping for a fixed time.</summary>
public static class Eventually
{
    /// <summary>
    /// Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result, and returns that result.
    /// Fails with <paramref name="description"/> and the last result when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string description, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeouts.Poll;
        var deadline = DateTime.UtcNow + limit;
        var delay = TimeSpan.FromMilliseconds(50);
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe().WaitAsync(Timeouts.Request);
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or IOException)
            {
                last = default!;
                lastError = exception;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {description}. Last result: {Describe(last)}{(lastError is null ? "" : $"; last error: {lastError.Message}")}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "(none)",
        System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
        _ => value.ToString() ?? "(none)",
    };
}
