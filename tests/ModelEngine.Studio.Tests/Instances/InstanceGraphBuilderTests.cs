using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Instances;

namespace ModelEngine.Studio.Tests.Instances;

public sealed class InstanceGraphBuilderTests
{
    [Fact]
    public void Build_ApprovedJournal_MarksCompletedActivities()
    {
        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), InstanceTestData.ApprovedJournal());
        var statuses = graph.Nodes.ToDictionary(n => n.Id, n => n.Status);

        Assert.Equal("Completed", statuses["start"]);
        Assert.Equal("Completed", statuses["checkAmount"]);
        Assert.Equal("Completed", statuses["managerApproval"]);
        Assert.Equal("Completed", statuses["approved"]);
        Assert.Null(statuses["autoApproved"]);
        Assert.Null(statuses["rejected"]);
    }

    [Fact]
    public void Build_ApprovedJournal_TakesTheApprovedPath()
    {
        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), InstanceTestData.ApprovedJournal());
        var taken = graph.Edges.Where(e => e.Taken).Select(e => $"{e.Source}.{e.SourcePort}").Order().ToArray();

        Assert.Equal(["checkAmount.False", "managerApproval.Approve", "start.Done"], taken);
    }

    [Fact]
    public void Build_WaitingJournal_MarksTheTaskSuspended()
    {
        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), InstanceTestData.WaitingJournal());
        var node = graph.Nodes.Single(n => n.Id == "managerApproval");
        var edge = graph.Edges.Single(e => e.Source == "checkAmount" && e.SourcePort == "False");
        var approve = graph.Edges.Single(e => e.Source == "managerApproval" && e.SourcePort == "Approve");

        Assert.Equal("Suspended", node.Status);
        Assert.True(edge.Taken);
        Assert.False(approve.Taken);
    }

    [Fact]
    public void Build_ResumedWithoutCompletion_IsRunning()
    {
        var journal = InstanceTestData.WaitingJournal().Append(InstanceTestData.Entry(5, "ActivityResumed", "managerApproval")).ToList();

        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), journal);

        Assert.Equal("Running", graph.Nodes.Single(n => n.Id == "managerApproval").Status);
    }

    [Fact]
    public void Build_FaultedAndCancelled_MapToTheirStatuses()
    {
        var journal = new[]
        {
            InstanceTestData.Entry(1, "ActivityFaulted", "checkAmount"),
            InstanceTestData.Entry(2, "ActivityCancelled", "managerApproval"),
        };

        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), journal);

        Assert.Equal("Faulted", graph.Nodes.Single(n => n.Id == "checkAmount").Status);
        Assert.Equal("Cancelled", graph.Nodes.Single(n => n.Id == "managerApproval").Status);
    }

    [Fact]
    public void Build_CompletedSourceWithoutTargetRun_IsNotTaken()
    {
        var journal = new[] { InstanceTestData.Entry(1, "ActivityCompleted", "checkAmount", InstanceTestData.Outcomes("False")) };

        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), journal);

        Assert.DoesNotContain(graph.Edges, e => e.Taken);
    }

    [Fact]
    public void Build_Nodes_UseLabelsPositionsAndPorts()
    {
        var graph = InstanceGraphBuilder.Build(InstanceTestData.Model(), InstanceTestData.Descriptors(), []);
        var decision = graph.Nodes.Single(n => n.Id == "checkAmount");
        var task = graph.Nodes.Single(n => n.Id == "managerApproval");
        var unnamed = graph.Nodes.Single(n => n.Id == "autoApproved");
        var start = graph.Nodes.Single(n => n.Id == "start");

        Assert.Equal("Amount up to 1000?", decision.Label);
        Assert.Equal(220, decision.X);
        Assert.Equal(200, decision.Y);
        Assert.Equal(["True", "False"], decision.OutPorts);
        Assert.Equal("ManagerApproval", task.Label);
        Assert.Equal(["Approve", "Reject"], task.OutPorts);
        Assert.Equal("Set variable", unnamed.Label);
        Assert.False(start.HasInPort);
        Assert.Equal(5, graph.Edges.Count);
    }

    [Fact]
    public void ReadOutcomes_NonObjectPayload_IsEmpty()
    {
        Assert.Empty(InstanceGraphBuilder.ReadOutcomes(JsonValue.Create("not an object")));
        Assert.Equal(["Done"], InstanceGraphBuilder.ReadOutcomes(InstanceTestData.Outcomes("Done")));
    }
}
