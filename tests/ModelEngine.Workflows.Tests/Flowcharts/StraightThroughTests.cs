using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Flowcharts;

public sealed class StraightThroughTests
{
    [Fact]
    public async Task Execute_Sequence_FinishesWithOutput()
    {
        using var engine = new EngineHarness();
        var definitionId = await engine.PublishAsync(
            Array(
                Activity("start", "Elsa.Start"),
                Activity("write", "Elsa.WriteLine", ("text", Literal("hello", "String"))),
                Activity("set", "Elsa.SetOutput", ("outputName", Literal("answer", "String")), ("outputValue", Literal(42)))),
            Array(Connect("start", "write"), Connect("write", "set")));

        var instance = await engine.ExecuteAsync(definitionId);

        Assert.True(instance.Incidents.Count == 0, string.Join("; ", instance.Incidents.Select(i => i.Message)));
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal(42, instance.Output["answer"]!.GetValue<int>());
        Assert.Equal(["start", "write", "set"], await engine.CompletedActivitiesAsync(instance.Summary.Id));
    }
}
