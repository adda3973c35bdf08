using System.Net;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Instances;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Instances;

public sealed class InstanceViewerTests : StudioPageTestContext
{
    [Fact]
    public void Viewer_FinishedInstance_ShowsStatusAndPath()
    {
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Finished"), InstanceTestData.ApprovedJournal());

        var viewer = RenderViewer();

        viewer.WaitForAssertion(() => Assert.Equal("Finished", viewer.Find("[data-testid=instance-status]").GetAttribute("data-status")), Timeout);
        var graph = viewer.FindComponent<FlowchartCanvas>().Instance.Graph;
        Assert.True(viewer.FindComponent<FlowchartCanvas>().Instance.ReadOnly);
        Assert.Equal("Completed", graph.Nodes.Single(n => n.Id == "managerApproval").Status);
        Assert.Null(graph.Nodes.Single(n => n.Id == "rejected").Status);
        Assert.True(graph.Edges.Single(e => e.SourcePort == "Approve").Taken);
        Assert.False(graph.Edges.Single(e => e.SourcePort == "Reject").Taken);
        Assert.NotEmpty(viewer.FindAll("[data-testid=instance-canvas] [data-testid=canvas]"));
        Assert.Equal(8, viewer.FindAll("[data-testid=journal-row]").Count);
        Assert.Contains("Laptop", viewer.Find("[data-testid=instance-input]").TextContent);
        Assert.NotEmpty(viewer.FindAll("[data-testid=instance-variables] [data-name=Decision]"));
    }

    [Fact]
    public void Journal_InChinese_NamesReasonAndRoot()
    {
        using var culture = UiCulture.Use("zh-CN");
        JournalEntry[] journal =
        [
            InstanceTestData.Entry(1, "ActivityCancelled", "managerApproval") with { Message = "Obsolete" },
            InstanceTestData.Entry(2, "ActivityCompleted", "flowchart"),
        ];
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Finished"), journal);

        var viewer = RenderViewer();

        viewer.WaitForAssertion(() => Assert.Equal(2, viewer.FindAll("[data-testid=journal-row]").Count), Timeout);
        Assert.Equal("不再需要：实例已结束，或另一分支已先作出决定", viewer.FindAll("[data-testid=journal-message]")[0].TextContent.Trim());
        Assert.Contains("流程图（根）", viewer.FindAll("[data-testid=journal-row]")[1].ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Purchase approval,", viewer.Find("[data-testid=instance-definition]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeSelection_FiltersTheJournal()
    {
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Finished"), InstanceTestData.ApprovedJournal());
        var viewer = RenderViewer();
        viewer.WaitForAssertion(() => Assert.Equal(8, viewer.FindAll("[data-testid=journal-row]").Count), Timeout);

        var canvas = viewer.FindComponent<FlowchartCanvas>();
        await viewer.InvokeAsync(() => canvas.Instance.SelectAsync(["managerApproval"])).WaitAsync(Timeout);

        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll("[data-testid=journal-row]").Count), Timeout);
        Assert.All(viewer.FindAll("[data-testid=journal-row]"), row => Assert.Equal("managerApproval", row.GetAttribute("data-activity-id")));
        Assert.Contains("ManagerApproval", viewer.Find("[data-testid=journal-activity-filter]").TextContent);
    }

    [Fact]
    public void JournalPayload_ExpandsOnClick()
    {
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Finished"), InstanceTestData.ApprovedJournal());
        var viewer = RenderViewer();
        viewer.WaitForAssertion(() => Assert.NotEmpty(viewer.FindAll("[data-testid=journal-payload-toggle]")), Timeout);

        viewer.FindAll("[data-testid=journal-payload-toggle]")[0].Click();

        viewer.WaitForAssertion(() => Assert.Contains("Done", viewer.Find("[data-testid=journal-payload]").TextContent), Timeout);
    }

    [Fact]
    public void Cancel_AfterConfirm_PostsCancel()
    {
        SignIn("alice", "requesters");
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Suspended"), InstanceTestData.WaitingJournal());
        Api.On("POST", $"api/workflow-instances/{InstanceTestData.InstanceId}/cancel", InstanceTestData.Instance("Cancelled"));
        var dialogs = Render<MudDialogProvider>();
        var viewer = RenderViewer();

        AnswerCancelDialog(viewer, dialogs, "Cancel instance");

        viewer.WaitForAssertion(() => Assert.Equal("Cancelled", viewer.Find("[data-testid=instance-status]").GetAttribute("data-status")), Timeout);
        Assert.Contains(Api.Requests, r => r.Method == "POST" && r.Path == $"api/workflow-instances/{InstanceTestData.InstanceId}/cancel");
        Assert.Empty(viewer.FindAll("[data-testid=instance-cancel]"));
    }

    [Fact]
    public void Cancel_Declined_SendsNothing()
    {
        SignIn("alice", "requesters");
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Suspended"), InstanceTestData.WaitingJournal());
        var dialogs = Render<MudDialogProvider>();
        var viewer = RenderViewer();

        AnswerCancelDialog(viewer, dialogs, "Keep running");

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("button")), Timeout);
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void Cancel_Forbidden_ShowsProblemDetail()
    {
        SignIn("admin", "admins");
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Suspended"), InstanceTestData.WaitingJournal());
        Api.OnProblem("POST", $"api/workflow-instances/{InstanceTestData.InstanceId}/cancel", HttpStatusCode.Forbidden,
            "Only the initiator or an admin may cancel this instance.");
        var dialogs = Render<MudDialogProvider>();
        var viewer = RenderViewer();

        AnswerCancelDialog(viewer, dialogs, "Cancel instance");

        viewer.WaitForAssertion(
            () => Assert.Contains("Only the initiator or an admin may cancel this instance.", viewer.Find("[data-testid=instance-action-error]").TextContent),
            Timeout);
        Assert.Equal("Suspended", viewer.Find("[data-testid=instance-status]").GetAttribute("data-status"));
    }

    [Fact]
    public void Cancel_OtherUser_IsNotOffered()
    {
        SignIn("bob", "managers");
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Suspended"), InstanceTestData.WaitingJournal());

        var viewer = RenderViewer();

        viewer.WaitForAssertion(() => Assert.Equal("Suspended", viewer.Find("[data-testid=instance-status]").GetAttribute("data-status")), Timeout);
        Assert.Empty(viewer.FindAll("[data-testid=instance-cancel]"));
    }

    [Fact]
    public void Retry_FaultedInstance_PostsRetry()
    {
        SignIn("alice", "requesters");
        var incident = new { activityId = "checkAmount", activityType = "Elsa.FlowDecision", message = "amount is not a number", timestamp = "2026-12-05T08:10:00Z" };
        var journal = new[] { InstanceTestData.Entry(1, "WorkflowStarted", null), InstanceTestData.Entry(2, "ActivityFaulted", "checkAmount") };
        InstanceTestData.ScriptViewer(Api, InstanceTestData.Instance("Faulted", incidents: [incident]), journal);
        Api.On("POST", $"api/workflow-instances/{InstanceTestData.InstanceId}/retry", InstanceTestData.Instance("Pending"));
        var viewer = RenderViewer();
        viewer.WaitForAssertion(() => viewer.Find("[data-testid=instance-retry]"), Timeout);

        Assert.Contains("amount is not a number", viewer.Find("[data-testid=instance-incidents] [data-testid=incident-row]").TextContent);
        Assert.Contains("Amount up to 1000?", viewer.Find("[data-testid=incident-row]").TextContent);
        Assert.Equal("Faulted", viewer.FindComponent<FlowchartCanvas>().Instance.Graph.Nodes.Single(n => n.Id == "checkAmount").Status);
        viewer.Find("[data-testid=instance-retry]").Click();

        viewer.WaitForAssertion(() => Assert.Equal("Pending", viewer.Find("[data-testid=instance-status]").GetAttribute("data-status")), Timeout);
        Assert.Contains(Api.Requests, r => r.Method == "POST" && r.Path == $"api/workflow-instances/{InstanceTestData.InstanceId}/retry");
        Assert.Empty(viewer.FindAll("[data-testid=instance-retry]"));
    }

    [Fact]
    public void Viewer_UnknownInstance_ShowsProblemDetail()
    {
        Api.OnProblem("GET", $"api/workflow-instances/{InstanceTestData.InstanceId}", HttpStatusCode.NotFound, "Workflow instance inst-1 was not found.");

        var viewer = RenderViewer();

        viewer.WaitForAssertion(() => Assert.Contains("inst-1 was not found", viewer.Find("[data-testid=instance-error]").TextContent), Timeout);
    }

    /// <summary>Clicks Cancel in the viewer, then the dialog button with this text.</summary>
    private static void AnswerCancelDialog(IRenderedComponent<InstanceViewerPage> viewer, IRenderedComponent<MudDialogProvider> dialogs, string buttonText)
    {
        viewer.WaitForAssertion(() => viewer.Find("[data-testid=instance-cancel]"), Timeout);
        viewer.Find("[data-testid=instance-cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button")), Timeout);
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == buttonText).Click();
    }

    private IRenderedComponent<InstanceViewerPage> RenderViewer()
    {
        Render<MudPopoverProvider>();
        return Render<InstanceViewerPage>(p => p.Add(x => x.InstanceId, InstanceTestData.InstanceId));
    }
}
