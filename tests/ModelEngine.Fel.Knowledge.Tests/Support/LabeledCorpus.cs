using System.Text.Json;

namespace ModelEngine.Fel.Knowledge.Tests;

/// <summary>The labeled retrieval corpus under Corpus/: short business documents and queries that paraphrase them.</summary>
internal static class LabeledCorpus
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<KnowledgeDocument> LoadDocuments() =>
        Load<CorpusDocument[]>("documents.json").Select(d => new KnowledgeDocument(d.Id, d.Text)).ToList();

    public static IReadOnlyList<CorpusQuery> LoadQueries() => Load<CorpusQuery[]>("queries.json");

    private static T Load<T>(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", file);
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
            ?? throw new InvalidOperationException($"Corpus file {path} is empty.");
    }

    private sealed record CorpusDocument(string Id, string Text);
}

/// <summary>A labeled query: its text and the ids of the documents relevant to it.</summary>
internal sealed record CorpusQuery(string Id, string Query, string[] Relevant);
