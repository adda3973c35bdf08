namespace ModelEngine.Fel.Providers;

/// <summary>
/// Thrown when a configured model's endpoint fails a call: an HTTP error status, a timeout, a broken connection or a
/// response that cannot be read. <see cref="ProviderMessage"/> is the provider's own error text, unchanged except that
/// the configured key is replaced by <c>[redacted]</c> wherever it appears.
/// </summary>
public sealed class FelModelException : Exception
{
    public FelModelException(string modelName, string provider, int? statusCode, string? providerMessage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelName = modelName;
        Provider = provider;
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
    }

    /// <summary>The name of the model under <c>Fel:Models</c>.</summary>
    public string ModelName { get; }

    /// <summary>The adapter that made the call: <c>OpenAI</c> or <c>Ollama</c>.</summary>
    public string Provider { get; }

    /// <summary>The HTTP status code of the failed response, or <see langword="null"/> when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// The provider's error text: the <c>error.message</c> (OpenAI) or <c>error</c> (Ollama) field of a JSON body, or
    /// the start of any other body. It is <see langword="null"/> when no response arrived.
    /// </summary>
    public string? ProviderMessage { get; }
}
