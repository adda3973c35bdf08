using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Definitions;

public sealed class ValidationTests
{
    private static JsonObject Model(JsonArray activities, JsonArray connections, string definitionId = "checked") => new()
    {
        ["definitionId"] = definitionId,
        ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root", ["activities"] = activities, ["connections"] = connections },
    };

    private static async Task<IReadOnlyList<ValidationError>> PublishErrorsAsync(JsonObject model)
    {
        using var engine = new EngineHarness();
        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.Definitions.SaveAsync(model, publish: true, "dave"));
        return error.Errors;
    }

    [Fact]
    public async Task Connection_NumericEndpoint_IsError()
    {
        var connection = new JsonObject { ["source"] = 5, ["target"] = "a" };

        var errors = await PublishErrorsAsync(Model(Array(Activity("a", "Elsa.WriteLine")), Array(connection)));

        Assert.Contains(errors, e => e.Property == "connections");
    }

    [Theory]
    [InlineData("Elsa.FlowJoin", "mode", "Sometimes")]
    [InlineData("Elsa.Delay", "timeSpan", "banana")]
    [InlineData("Elsa.FlowSwitch", "mode", "Sometimes")]
    public async Task Literal_WrongType_IsError(string type, string input, string value)
    {
        var errors = await PublishErrorsAsync(Model(Array(Activity("a", type, (input, Literal(value, "String")))), Array()));

        var error = Assert.Single(errors, e => e.ActivityId == "a" && e.Property == input);
        Assert.Equal(value, error.Value);
    }

    [Theory]
    [InlineData("Elsa.Delay", "timeSpan", "absent")]
    [InlineData("Elsa.Delay", "timeSpan", "null")]
    [InlineData("Elsa.Delay", "timeSpan", "empty")]
    [InlineData("Elsa.Timer", "interval", "absent")]
    [InlineData("Elsa.Timer", "interval", "null")]
    [InlineData("Elsa.Timer", "interval", "empty")]
    public async Task RequiredTimeSpan_Missing_IsListedOnce(string type, string input, string value)
    {
        var activity = value switch
        {
            "null" => Activity("a", type, (input, Literal(null, "TimeSpan"))),
            "empty" => Activity("a", type, (input, Literal("", "TimeSpan"))),
            _ => Activity("a", type),
        };

        var errors = await PublishErrorsAsync(Model(Array(activity), Array()));

        var error = Assert.Single(errors, e => e.ActivityId == "a" && e.Property == input);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpressionType_NotString_IsError()
    {
        var text = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = 5, ["value"] = "x" } };

        var errors = await PublishErrorsAsync(Model(Array(Activity("a", "Elsa.WriteLine", ("text", text))), Array()));

        Assert.Contains(errors, e => e.ActivityId == "a" && e.Property == "text" && e.Value == "5");
    }

    [Fact]
    public async Task Start_Missing_IsError()
    {
        var model = Model(Array(Activity("a", "Elsa.WriteLine")), Array());
        model["root"]!["start"] = "ghost";

        var errors = await PublishErrorsAsync(model);

        Assert.Contains(errors, e => e.Property == "start" && e.Value == "ghost");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task DefinitionId_NotUrlSafe_IsRejected(string definitionId)
    {
        using var engine = new EngineHarness();
        var model = Model(Array(Activity("a", "Elsa.WriteLine")), Array(), definitionId);

        if (definitionId.Length == 0)
        {
            var saved = await engine.Definitions.SaveAsync(model, publish: false, "dave");
            Assert.NotEmpty(saved.Definition.DefinitionId);
            return;
        }

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.Definitions.SaveAsync(model, publish: false, "dave"));
        Assert.Equal("definitionId", Assert.Single(error.Errors).Property);
    }

    [Fact]
    public async Task PascalCaseModel_RunsItsActivities()
    {
        using var engine = new EngineHarness();
        var model = JsonNode.Parse("""
            { "DefinitionId": "pascal", "Root": { "Type": "Elsa.Flowchart", "Id": "f", "Activities": [
                { "Id": "a", "Type": "Elsa.SetOutput",
                  "OutputName": { "TypeName": "String", "Expression": { "Type": "Literal", "Value": "done" } },
                  "OutputValue": { "TypeName": "Object", "Expression": { "Type": "Literal", "Value": "yes" } } } ] } }
            """)!.AsObject();

        var saved = await engine.Definitions.SaveAsync(model, publish: true, "dave");
        var instance = await engine.ExecuteAsync(saved.Definition.DefinitionId);

        Assert.Equal("pascal", saved.Definition.DefinitionId);
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("yes", instance.Output["done"]!.GetValue<string>());
    }
}
