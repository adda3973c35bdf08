namespace ModelEngine.Server.Idempotency;

/// <summary>
/// The first request with an <c>Idempotency-Key</c> has not finished within <c>Idempotency:InProgressWait</c>. The API
/// returns 409; the client repeats the request later to get the first response.
/// </summary>
public sealed class IdempotencyInProgressException : Exception
{
    public IdempotencyInProgressException(string key, string scope, TimeSpan waited)
        : base($"The first request to {scope} with the Idempotency-Key '{key}' is still running after {waited.TotalSeconds:0.#} s, or it stopped without a result. Repeat the request later to get its response.")
    {
        Key = key;
    }

    public string Key { get; }
}
