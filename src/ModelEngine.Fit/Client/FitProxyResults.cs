namespace ModelEngine.Fit.Client;

/// <summary>Turns the dispatcher's boxed result into the return type a proxy method declares.</summary>
internal static class FitProxyResults
{
    public static void ToVoid(ValueTask<object?> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    public static T ToValue<T>(ValueTask<object?> pending) =>
        Cast<T>(pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult());

    public static Task ToTask(ValueTask<object?> pending) =>
        pending.IsCompletedSuccessfully ? Task.CompletedTask : pending.AsTask();

    public static Task<T> ToTaskOf<T>(ValueTask<object?> pending) =>
        pending.IsCompletedSuccessfully ? Task.FromResult(Cast<T>(pending.Result)) : AwaitAsync<T>(pending);

    public static ValueTask ToValueTask(ValueTask<object?> pending) =>
        pending.IsCompletedSuccessfully ? default : new ValueTask(pending.AsTask());

    public static ValueTask<T> ToValueTaskOf<T>(ValueTask<object?> pending) =>
        pending.IsCompletedSuccessfully ? new ValueTask<T>(Cast<T>(pending.Result)) : new ValueTask<T>(AwaitAsync<T>(pending));

    private static async Task<T> AwaitAsync<T>(ValueTask<object?> pending) => Cast<T>(await pending.ConfigureAwait(false));

    private static T Cast<T>(object? value) => value is null ? default! : (T)value;
}
