using System.Text.Json.Nodes;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class SplitAndIndexTests
{
    private static JsonObject Index(params (string Name, JsonNode? Value)[] extra) =>
        Activity("index", SplitAndIndex.TypeName,
        [
            ("knowledgeBase", Literal("policies", "String")),
            ("documents", Expr("JavaScript", "getInput('documents')")),
            .. extra,
        ]);

    private static JsonArray Documents(int count)
    {
        var documents = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            documents.Add(new JsonObject
            {
                ["id"] = $"doc-{i}",
                ["text"] = string.Join(' ', Enumerable.Range(0, 25).Select(word => $"w{i}x{word}")),
                ["metadata"] = new JsonObject { ["title"] = $"Document {i}" },
            });
        }

        return documents;
    }

    [Fact]
    public async Task Documents_IndexedWithBoundedProgress()
    {
        using var engine = new FelEngine();
        var id = await engine.PublishChainAsync(
            Index(("chunkTokens", Literal(10, "Int32")), ("overlapTokens", Literal(2, "Int32"))),
            Activity("out", "Elsa.SetOutput", ("outputName", Literal("result", "String")), ("outputValue", Expr("JavaScript", "getOutputFrom('index', 'result')"))));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = Documents(95) });

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var result = instance.Output["result"]!;
        Assert.Equal("95", result["documents"]!.ToJsonString());
        Assert.Equal("285", result["chunks"]!.ToJsonString());
        Assert.Equal(95 * 3, await engine.Knowledge.Get("policies").CountAsync());
        var journal = await engine.JournalAsync(instance.Summary.Id);
        var progress = journal.Where(entry => entry.EventName == SplitAndIndex.ProgressEvent).ToList();
        Assert.InRange(progress.Count, 5, IngestionProgressSampler.TargetSamples);
        Assert.Single(journal, entry => entry.EventName == SplitAndIndex.IndexedEvent);
    }

    [Fact]
    public async Task DocumentWithoutText_IncidentNamesItem()
    {
        using var engine = new FelEngine();
        var id = await engine.PublishChainAsync(Index());
        var documents = Documents(2);
        documents.Add(new JsonObject { ["id"] = "broken" });

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = documents });

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains("item 2", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
        Assert.Equal(0, await engine.Knowledge.Get("policies").CountAsync());
    }

    [Fact]
    public async Task OverlapNotBelowChunk_RejectedAtPublish()
    {
        using var engine = new FelEngine();

        var errors = await engine.PublishErrorsAsync(Index(("chunkTokens", Literal(10, "Int32")), ("overlapTokens", Literal(10, "Int32"))));

        Assert.Contains("overlapTokens", errors, StringComparison.Ordinal);
    }
}
