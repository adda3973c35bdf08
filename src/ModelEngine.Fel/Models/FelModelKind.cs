namespace ModelEngine.Fel;

/// <summary>What a configured model is used for.</summary>
public enum FelModelKind
{
    /// <summary>A chat model, used through <see cref="Microsoft.Extensions.AI.IChatClient"/>.</summary>
    Chat,

    /// <summary>An embedding model, used through <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    Embedding,
}
