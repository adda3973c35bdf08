namespace ModelEngine.Server.Idempotency;

/// <summary>A caller sent an <c>Idempotency-Key</c> again with another request. The API returns 422.</summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    public IdempotencyKeyReusedException(string key, string scope)
        : base($"The Idempotency-Key '{key}' was first sent to {scope} with another target or body. Send a new key for a new request, or repeat the first request unchanged.")
    {
        Key = key;
    }

    public string Key { get; }
}
