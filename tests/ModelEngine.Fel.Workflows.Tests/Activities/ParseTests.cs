using System.Text.Json.Nodes;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class ParseTests
{
    private const string SentimentSchema =
        "{\"type\": \"object\", \"required\": [\"sentiment\"], \"properties\": {\"sentiment\": {\"enum\": [\"positive\", \"negative\"]}}}";

    private static async Task<Support.FelEngine> RunAsync(string text, string? schema, Action<ModelEngine.Workflows.Runtime.WorkflowInstanceView> check)
    {
        var engine = new FelEngine();
        JsonObject parse = schema is null
            ? Activity("parse", Parse.TypeName, ("text", Expr("JavaScript", "getInput('text')")))
            : Activity("parse", Parse.TypeName, ("text", Expr("JavaScript", "getInput('text')")), ("schema", Literal(schema)));
        var id = await engine.PublishChainAsync(
            parse,
            Activity("out", "Elsa.SetOutput", ("outputName", Literal("value", "String")), ("outputValue", Expr("JavaScript", "getOutputFrom('parse', 'value')"))));
        check(await engine.ExecuteAsync(id, new JsonObject { ["text"] = text }));
        return engine;
    }

    [Fact]
    public async Task FencedJson_ParsedAndValidated()
    {
        using var engine = await RunAsync("Here you go:\n```json\n{\"sentiment\": \"positive\", \"score\": 0.9}\n```", SentimentSchema, instance =>
        {
            Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
            Assert.Equal("positive", instance.Output["value"]!["sentiment"]!.GetValue<string>());
            Assert.Equal(0.9, instance.Output["value"]!["score"]!.GetValue<double>());
        });
    }

    [Fact]
    public async Task SchemaMismatch_IncidentNamesPath()
    {
        using var engine = await RunAsync("{\"sentiment\": \"angry\"}", SentimentSchema, instance =>
        {
            Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
            var message = Assert.Single(instance.Incidents).Message;
            Assert.Contains("/sentiment", message, StringComparison.Ordinal);
            Assert.Contains("angry", message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task InvalidJson_IncidentHasParserMessage()
    {
        using var engine = await RunAsync("{\"sentiment\": ", null, instance =>
        {
            Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
            var incident = Assert.Single(instance.Incidents);
            Assert.Equal("parse", incident.ActivityId);
            Assert.Contains("{\"sentiment\": ", incident.Message, StringComparison.Ordinal);
        });
    }
}
