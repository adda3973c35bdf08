using System.Text.Json.Nodes;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class RetrieveTests
{
    private static JsonObject Search(params (string Name, JsonNode? Value)[] extra) =>
        Activity("retrieve", Retrieve.TypeName,
        [
            ("knowledgeBase", Literal("policies", "String")),
            ("query", Expr("JavaScript", "getInput('question')")),
            .. extra,
        ]);

    private static JsonObject OutputOf(string output) =>
        Activity("out_" + output, "Elsa.SetOutput", ("outputName", Literal(output, "String")), ("outputValue", Expr("JavaScript", $"getOutputFrom('retrieve', '{output}')")));

    [Fact]
    public async Task Search_StoresDocumentsAndContext()
    {
        using var engine = new FelEngine();
        await engine.Knowledge.Get("policies").IndexAsync(
        [
            new KnowledgeChunk("refunds#0", "refunds", 0, "Refunds are paid within 30 days.", new Dictionary<string, string> { ["title"] = "Refunds" }),
            new KnowledgeChunk("shipping#0", "shipping", 0, "Shipping takes 3 days."),
            new KnowledgeChunk("privacy#0", "privacy", 0, "We keep data for a year."),
        ]);
        var id = await engine.PublishChainAsync(
            Search(("topK", Literal(2, "Int32")), ("mode", Literal("Keyword", "String"))), OutputOf("documents"), OutputOf("context"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["question"] = "when are refunds paid" });

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var documents = instance.Output["documents"]!.AsArray();
        Assert.Equal("refunds#0", documents[0]!["id"]!.GetValue<string>());
        Assert.Equal("refunds", documents[0]!["documentId"]!.GetValue<string>());
        Assert.Equal("Refunds", documents[0]!["metadata"]!["title"]!.GetValue<string>());
        Assert.Equal("3", documents[0]!["score"]!.ToJsonString());
        Assert.StartsWith("Refunds are paid within 30 days.", instance.Output["context"]!.GetValue<string>(), StringComparison.Ordinal);
        var search = Assert.Single(engine.Knowledge.Searches);
        Assert.Equal(2, search.Options.TopK);
        Assert.Equal(RetrievalMode.Keyword, search.Options.Mode);
        Assert.Contains(await engine.JournalAsync(instance.Summary.Id), entry => entry.EventName == Retrieve.RetrievedEvent);
    }

    [Fact]
    public async Task NoProvider_IncidentNamesService()
    {
        using var engine = new FelEngine(withKnowledge: false);
        var id = await engine.PublishChainAsync(Search());

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["question"] = "refunds" });

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains(nameof(IKnowledgeBaseProvider), Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroTopK_RejectedAtPublish()
    {
        using var engine = new FelEngine();

        var errors = await engine.PublishErrorsAsync(Search(("topK", Literal(0, "Int32"))));

        Assert.Contains("topK", errors, StringComparison.Ordinal);
    }
}
