using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// Opens <see cref="EmbeddedKnowledgeBase"/> instances by name, one per name for the provider's lifetime, so that all
/// callers share the same in-process indexes. A knowledge base's indexes are rebuilt from the store the first time it
/// is opened.
/// </summary>
public sealed class EmbeddedKnowledgeBaseProvider : IKnowledgeBaseProvider, IDisposable
{
    /// <summary>The maximum length of a knowledge base name.</summary>
    public const int MaxNameLength = 128;

    private readonly IKnowledgeChunkStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IReranker? _reranker;
    private readonly bool _stemming;
    private readonly double _hybridKeywordMinimumShouldMatch;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<string, Lazy<EmbeddedKnowledgeBase>> _bases = new(StringComparer.Ordinal);

    /// <summary>Creates a provider.</summary>
    /// <param name="store">The durable chunk store shared by every knowledge base.</param>
    /// <param name="generator">Embeds chunks and queries.</param>
    /// <param name="reranker">The reranker used when a search sets <see cref="RetrievalOptions.Rerank"/>, or <see langword="null"/> for none.</param>
    /// <param name="stemming">Whether the keyword indexes stem English words.</param>
    /// <param name="hybridKeywordMinimumShouldMatch">See <see cref="EmbeddedKnowledgeBase.HybridKeywordMinimumShouldMatch"/>.</param>
    /// <param name="loggerFactory">Creates the knowledge bases' loggers.</param>
    public EmbeddedKnowledgeBaseProvider(
        IKnowledgeChunkStore store,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IReranker? reranker = null,
        bool stemming = true,
        double hybridKeywordMinimumShouldMatch = EmbeddedKnowledgeBase.DefaultHybridKeywordMinimumShouldMatch,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(generator);
        _store = store;
        _generator = generator;
        _reranker = reranker;
        _stemming = stemming;
        _hybridKeywordMinimumShouldMatch = hybridKeywordMinimumShouldMatch;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<IKnowledgeBase> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        var lazy = _bases.GetOrAdd(name, n => new Lazy<EmbeddedKnowledgeBase>(
            () => new EmbeddedKnowledgeBase(n, _store, _generator, _reranker, _stemming, _hybridKeywordMinimumShouldMatch, _loggerFactory.CreateLogger<EmbeddedKnowledgeBase>())));
        var knowledgeBase = lazy.Value;
        await knowledgeBase.OpenAsync(cancellationToken).ConfigureAwait(false);
        return knowledgeBase;
    }

    /// <summary>Throws when <paramref name="name"/> is not a valid knowledge base name.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than <see cref="MaxNameLength"/>, or has characters other than letters, digits, '-', '_' and '.'.</exception>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("Knowledge base name is empty. Use letters, digits, '-', '_' and '.'.", nameof(name));
        }

        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"Knowledge base name '{name[..32]}…' has {name.Length} characters. Use at most {MaxNameLength}.", nameof(name));
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException($"Knowledge base name '{name}' contains '{c}'. Use only letters, digits, '-', '_' and '.'.", nameof(name));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in _bases.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _bases.Clear();
    }
}
