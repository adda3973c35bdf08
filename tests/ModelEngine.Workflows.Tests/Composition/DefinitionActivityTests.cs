using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Composition.CompositionHelpers;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Composition;

public sealed class DefinitionActivityTests
{
    private static JsonObject DoublerHeader(bool usableAsActivity) => new()
    {
        ["options"] = new JsonObject { ["usableAsActivity"] = usableAsActivity },
        ["inputs"] = Array(new JsonObject { ["name"] = "amount", ["type"] = "Int32", ["displayName"] = "Amount" }),
        ["outputs"] = Array(new JsonObject { ["name"] = "doubled", ["type"] = "Int32" }),
    };

    private static Task PublishDoublerAsync(EngineHarness engine, bool usableAsActivity = true) =>
        PublishAsync(engine, "doubler", Array(Output("out", "doubled", "getInput('amount') * 2")), Array(), DoublerHeader(usableAsActivity));

    private static JsonObject UseDoubler(string id, int amount) => new()
    {
        ["id"] = id,
        ["type"] = "doubler",
        ["workflowDefinitionId"] = "doubler",
        ["amount"] = Literal(amount, "Int32"),
        ["doubled"] = new JsonObject { ["typeName"] = "Int32", ["memoryReference"] = new JsonObject { ["id"] = "result" } },
    };

    [Fact]
    public async Task UsableDefinition_ListedAsDescriptor()
    {
        using var engine = new EngineHarness();
        await PublishDoublerAsync(engine);
        await PublishAsync(engine, "plain", Array(Output("out", "x", "1")), Array());

        var descriptors = await engine.Services.GetRequiredService<DefinitionActivityCatalog>().ListDescriptorsAsync().WaitAsync(EngineHarness.Timeout);

        var descriptor = Assert.Single(descriptors);
        Assert.Equal("doubler", descriptor.TypeName);
        Assert.Equal("doubler", descriptor.WorkflowDefinitionId);
        Assert.Equal("amount", Assert.Single(descriptor.Inputs).Name);
        Assert.Equal("Int32", descriptor.Inputs[0].TypeName);
        Assert.Equal("doubled", Assert.Single(descriptor.Outputs).Name);
    }

    [Theory]
    [InlineData("ModelEngine.ExecuteWorkflow", true)]
    [InlineData("Elsa.DispatchWorkflow", false)]
    public void ChildActivityDescriptor_ListsInputsOnce(string typeName, bool waits)
    {
        using var engine = new EngineHarness();
        var registry = engine.Services.GetRequiredService<Descriptors.IActivityRegistry>();

        Assert.True(registry.TryGetDescriptor(typeName, out var descriptor));

        Assert.Equal(["workflowDefinitionId", "input", "correlationId", "waitForCompletion"], descriptor.Inputs.Select(input => input.Name));
        Assert.Equal(waits, descriptor.Inputs[3].DefaultValue!.GetValue<bool>());
        Assert.Equal(["result", "childInstanceId"], descriptor.Outputs.Select(output => output.Name).Order().Reverse());
    }

    [Fact]
    public async Task DefinitionActivity_RunsChildAndCapturesOutput()
    {
        using var engine = new EngineHarness();
        await PublishDoublerAsync(engine);
        var parentDefinition = await engine.PublishAsync(
            Array(UseDoubler("double", 21), Output("out", "value", "variables.result")),
            Array(Connect("double", "out")),
            Array(new JsonObject { ["id"] = "result", ["name"] = "result", ["typeName"] = "Int32" }));

        var parent = await engine.ExecuteAsync(parentDefinition);
        var childId = await ChildIdAsync(engine, parent.Summary.Id);
        var child = await engine.RunPendingAsync(childId);
        var final = await engine.RunPendingAsync(parent.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, parent.Summary.SubStatus);
        Assert.Equal("doubler", child.Summary.DefinitionId);
        Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
        Assert.Equal(42, final.Output["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task DefinitionWithoutFlag_RejectsPublish()
    {
        using var engine = new EngineHarness();
        await PublishDoublerAsync(engine, usableAsActivity: false);

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(Array(UseDoubler("double", 1)), Array()));

        var entry = Assert.Single(error.Errors);
        Assert.Equal("double", entry.ActivityId);
        Assert.Contains("usableAsActivity", entry.Message);
    }
}
