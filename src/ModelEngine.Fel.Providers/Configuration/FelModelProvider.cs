namespace ModelEngine.Fel.Providers.Configuration;

/// <summary>The adapters that <c>Fel:Models:{name}:Provider</c> selects.</summary>
internal enum FelModelProvider
{
    /// <summary>Any endpoint that speaks the OpenAI chat completions and embeddings API.</summary>
    OpenAI,

    /// <summary>An Ollama server, through its native <c>/api/chat</c> and <c>/api/embed</c> API.</summary>
    Ollama,
}
