using System.Text.Json.Nodes;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class PromptTests
{
    private static JsonObject OutputOf(string source, string output) =>
        Activity("out", "Elsa.SetOutput", ("outputName", Literal("result", "String")), ("outputValue", Expr("JavaScript", $"getOutputFrom('{source}', '{output}')")));

    [Fact]
    public async Task Templates_RenderInOrder()
    {
        using var engine = new FelEngine();
        var prompt = Activity("prompt", Prompt.TypeName,
            ("system", Literal("You answer for {{company}}.", "String")),
            ("history", Expr("JavaScript", "[{ role: 'user', text: 'Hi' }, { role: 'assistant', text: 'Hello!' }]")),
            ("human", Literal("Summarize: {{text}} ({{count}} words)", "String")),
            ("variables", Expr("JavaScript", "({ company: 'Acme', text: getInput('text'), count: 3 })")));
        var id = await engine.PublishChainAsync(prompt, OutputOf("prompt", "messages"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["text"] = "a long story" });

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var messages = instance.Output["result"]!.AsArray();
        Assert.Equal(4, messages.Count);
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Equal("You answer for Acme.", messages[0]!["text"]!.GetValue<string>());
        Assert.Equal("user", messages[1]!["role"]!.GetValue<string>());
        Assert.Equal("assistant", messages[2]!["role"]!.GetValue<string>());
        Assert.Equal("Summarize: a long story (3 words)", messages[3]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingVariable_IncidentNamesIt()
    {
        using var engine = new FelEngine();
        var prompt = Activity("prompt", Prompt.TypeName,
            ("human", Literal("Reply to {{customerName}}.", "String")),
            ("variables", Expr("JavaScript", "({ name: 'Ada' })")));
        var id = await engine.PublishChainAsync(prompt);

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("prompt", incident.ActivityId);
        Assert.Contains("customerName", incident.Message, StringComparison.Ordinal);
        Assert.Contains("'name'", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnclosedPlaceholder_RejectedAtPublish()
    {
        using var engine = new FelEngine();
        var prompt = Activity("prompt", Prompt.TypeName, ("human", Literal("Reply to {{customerName.", "String")));

        var errors = await engine.PublishErrorsAsync(prompt);

        Assert.Contains("human", errors, StringComparison.Ordinal);
    }
}
