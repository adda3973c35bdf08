using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// The models configured under <c>Fel:Models</c>, by name. Activities and flows ask the catalog for a client by the
/// name the designer chose, so the same definition runs against whichever provider the deployment configures.
/// </summary>
public interface IFelModelCatalog
{
    /// <summary>Every configured model, in configuration order.</summary>
    IReadOnlyList<FelModelDescriptor> Models { get; }

    /// <summary>Returns the model named <paramref name="name"/>, or <see langword="null"/> when none is configured.</summary>
    FelModelDescriptor? Find(string name);

    /// <summary>
    /// Returns the chat client of model <paramref name="name"/>. The client retries 429 and 5xx responses, rejects an
    /// input over the model's context window before calling it, and reports a provider's error with its own message.
    /// </summary>
    /// <exception cref="FelModelNotConfiguredException">No chat model of that name is configured.</exception>
    IChatClient GetChatClient(string name);

    /// <summary>Returns the embedding generator of model <paramref name="name"/>.</summary>
    /// <exception cref="FelModelNotConfiguredException">No embedding model of that name is configured.</exception>
    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string name);
}
