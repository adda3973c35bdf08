namespace ModelEngine.Fel;

/// <summary>Opens knowledge bases by name. A name that was never used opens an empty knowledge base.</summary>
public interface IKnowledgeBaseProvider
{
    /// <summary>Opens the knowledge base <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or has characters other than letters, digits, '-', '_' and '.'.</exception>
    ValueTask<IKnowledgeBase> GetAsync(string name, CancellationToken cancellationToken = default);
}
