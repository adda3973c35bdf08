namespace ModelEngine.Fel;

/// <summary>A configured model as the catalog describes it. It never carries the model's key.</summary>
/// <param name="Name">The name under <c>Fel:Models</c>, which definitions refer to.</param>
/// <param name="Kind">Whether the model chats or embeds.</param>
/// <param name="Provider">The adapter: <c>OpenAI</c> (any OpenAI-compatible endpoint), <c>Ollama</c> or <c>Embedded</c>.</param>
/// <param name="Model">The provider's model id, such as <c>gpt-4o-mini</c> or <c>qwen2.5:7b</c>.</param>
/// <param name="Endpoint">The base address, or <see langword="null"/> for the provider's default or an embedded model.</param>
/// <param name="ContextWindow">The model's context window in tokens, or <see langword="null"/> when not configured.</param>
public sealed record FelModelDescriptor(
    string Name,
    FelModelKind Kind,
    string Provider,
    string Model,
    Uri? Endpoint,
    int? ContextWindow);
