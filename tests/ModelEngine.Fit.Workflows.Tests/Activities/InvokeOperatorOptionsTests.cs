using System.Text.Json.Nodes;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Workflows.Activities;
using ModelEngine.Fit.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fit.Workflows.Tests.Activities;

/// <summary>The ignoreDegradation input, arguments literals, publish-time checks and degradation incidents.</summary>
public sealed class InvokeOperatorOptionsTests
{
    private const string Summarize = "samples.text.summarize";

    private static GenericableDescriptor SummarizeContract() => new()
    {
        Id = Summarize,
        Parameters = [new FitParameter("text", FitValueType.String, typeof(string))],
        ResultType = FitValueType.String,
        ResultClrType = typeof(string),
    };

    private static LocalFitable Throwing(string id, Exception error, string? degradesTo = null) => new(
        SummarizeContract(),
        new FitableDescriptor { GenericableId = Summarize, Id = id, DegradesTo = degradesTo },
        (_, _) => throw error,
        "test");

    private static Task<string> PublishCallAsync(OperatorEngine engine, JsonNode? arguments, params (string Name, JsonNode? Value)[] extra)
    {
        var call = Activity("call", InvokeOperator.TypeName, [("genericableId", Literal(Summarize, "String")), ("arguments", arguments), .. extra]);
        return engine.PublishAsync(Array(call), []);
    }

    private static string Incidents(ModelEngine.Workflows.Runtime.WorkflowInstanceView instance) =>
        string.Join("; ", instance.Incidents.Select(incident => incident.Message));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IgnoreDegradation_ReachesCallOptions(bool ignore)
    {
        using var engine = new OperatorEngine();
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text']"), ("ignoreDegradation", Literal(ignore, "Boolean")));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        Assert.Equal(ignore, Assert.Single(engine.Client.Calls).Options!.IgnoreDegradation);
    }

    [Fact]
    public async Task IgnoreDegradation_DefaultsToOff()
    {
        using var engine = new OperatorEngine();
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text']"));

        await engine.ExecuteAsync(id);

        Assert.False(Assert.Single(engine.Client.Calls).Options!.IgnoreDegradation);
    }

    [Fact]
    public async Task ArgumentsLiteral_JsonArray_IsParsed()
    {
        using var engine = new OperatorEngine();
        var id = await PublishCallAsync(engine, Literal("[\"a long story\", \"en\"]", "Object"));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        Assert.Equal(["a long story", "en"], Assert.Single(engine.Client.Calls).Arguments);
    }

    [Fact]
    public async Task Publish_ArgumentsLiteralNotJson_Refused()
    {
        using var engine = new OperatorEngine();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => PublishCallAsync(engine, Literal("[not json", "Object")));

        var problem = Assert.Single(error.Errors, e => e.ActivityId == "call" && e.Property == "arguments");
        Assert.Equal("[not json", problem.Value);
        Assert.Contains("'[not json'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_BlankGenericableId_OneError()
    {
        using var engine = new OperatorEngine();
        var call = Activity("call", InvokeOperator.TypeName, ("genericableId", Literal("  ", "String")));

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(Array(call), []));

        Assert.Single(error.Errors, e => e.ActivityId == "call" && e.Property == "genericableId");
    }

    [Fact]
    public async Task FallbackFails_IncidentNamesFirstFailure()
    {
        using var engine = new OperatorEngine();
        var registry = new FitRegistry();
        registry.AddLocal(Throwing("summarize-en", new ArgumentException("no English model"), degradesTo: "summarize-truncate"));
        registry.AddLocal(Throwing("summarize-truncate", new InvalidOperationException("text too short")));
        var client = new FitClient(registry);
        engine.Client.Handler = (call, token) => client.InvokeAsync(call.GenericableId, call.Arguments, call.Options, token);
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text']"), ("fitableId", Literal("summarize-en", "String")));

        var instance = await engine.ExecuteAsync(id);

        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("fitable 'summarize-truncate'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("fitable 'summarize-en' failed (Faulted, System.ArgumentException: no English model)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("degraded to 'summarize-truncate', which failed (Faulted, System.InvalidOperationException: text too short)", incident.Message, StringComparison.Ordinal);
    }
}
