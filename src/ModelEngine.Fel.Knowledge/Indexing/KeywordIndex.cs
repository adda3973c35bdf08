using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// An in-process BM25 keyword index over Lucene.Net 4.8 in a memory directory. Text is analysed with Lucene's
/// <see cref="EnglishAnalyzer"/> (lower case, English stop words, possessives removed, Porter stemming) unless the
/// index is created without stemming, which uses <see cref="StandardAnalyzer"/>.
/// </summary>
/// <remarks>
/// Thread-safe. A write is searchable when the write method returns. A query matches a chunk that contains any of
/// its analysed terms, and BM25 (k1 = 1.2, b = 0.75) ranks the matches.
/// </remarks>
public sealed class KeywordIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string DocumentField = "document";
    private const string TextField = "text";

    private readonly Analyzer _analyzer;
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly BM25Similarity _similarity = new();

    /// <summary>Creates an empty index.</summary>
    /// <param name="stemming">Whether to stem English words, so that "refunds" matches "refund". On by default.</param>
    public KeywordIndex(bool stemming = true)
    {
        Stemming = stemming;
        _analyzer = stemming ? new EnglishAnalyzer(Version) : new StandardAnalyzer(Version);
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = _similarity,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory(_similarity));
    }

    /// <summary>Whether English words are stemmed.</summary>
    public bool Stemming { get; }

    /// <summary>The number of chunks indexed.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Adds the chunks, replacing those whose ids are indexed.</summary>
    public void Upsert(IEnumerable<KnowledgeChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            var document = new Document
            {
                new StringField(IdField, chunk.Id, Field.Store.YES),
                new StringField(DocumentField, chunk.DocumentId, Field.Store.NO),
                new TextField(TextField, chunk.Text, Field.Store.NO),
            };
            _writer.UpdateDocument(new Term(IdField, chunk.Id), document);
        }

        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Removes every chunk of document <paramref name="documentId"/>.</summary>
    public void RemoveDocument(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _writer.DeleteDocuments(new Term(DocumentField, documentId));
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Removes every chunk.</summary>
    public void Clear()
    {
        _writer.DeleteAll();
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Returns the ids of the <paramref name="k"/> chunks that score best for <paramref name="query"/> with their BM25 scores, best first.</summary>
    /// <param name="query">The query text, analysed like the chunks.</param>
    /// <param name="k">The maximum number of results.</param>
    /// <param name="minimumShouldMatch">
    /// The share of the query's distinct analysed terms that a chunk must contain, from 0 (any one term) to 1 (every
    /// term). The count is rounded up and is at least 1.
    /// </param>
    public IReadOnlyList<(string Id, float Score)> Search(string query, int k, double minimumShouldMatch = 0)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (minimumShouldMatch is < 0 or > 1 || double.IsNaN(minimumShouldMatch))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumShouldMatch), minimumShouldMatch, "minimumShouldMatch must be from 0 to 1.");
        }

        var terms = Analyze(query);
        if (terms.Count == 0 || k == 0)
        {
            return [];
        }

        var booleanQuery = new BooleanQuery();
        foreach (var term in terms)
        {
            booleanQuery.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        }

        booleanQuery.MinimumNumberShouldMatch = Math.Max(1, (int)Math.Ceiling(minimumShouldMatch * terms.Count));
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(booleanQuery, k);
            var result = new (string Id, float Score)[top.ScoreDocs.Length];
            for (var i = 0; i < result.Length; i++)
            {
                var hit = top.ScoreDocs[i];
                result[i] = (searcher.Doc(hit.Doc).Get(IdField), hit.Score);
            }

            return result;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    // Distinct analysed terms, capped below BooleanQuery's default limit of 1,024 clauses.
    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream(TextField, text);
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < 1000)
        {
            var term = termAttribute.ToString();
            if (seen.Add(term))
            {
                terms.Add(term);
            }
        }

        stream.End();
        return terms;
    }

    private sealed class BM25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
