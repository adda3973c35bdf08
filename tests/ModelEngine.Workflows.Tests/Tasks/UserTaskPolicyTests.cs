using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class UserTaskPolicyTests
{
    private static JsonObject Object(string json) => Wrapped("Literal", JsonNode.Parse(json));

    private static JsonObject Strings(params string[] values) => Wrapped("Literal", new JsonArray(values.Select(value => (JsonNode)value).ToArray()), "String[]");

    /// <summary>Publishes a UserTask with <paramref name="inputs"/> whose every outcome leads to a SetOutput of the result.</summary>
    private static async Task<string> PublishAsync(EngineHarness engine, params (string Name, JsonNode? Value)[] inputs)
    {
        var task = Activity("approve", UserTask.TypeName, [("title", Literal("Approve the purchase", "String")), .. inputs]);
        var connections = Array(Connect("approve", "done", "Approve"), Connect("approve", "done", "Reject"));
        if (inputs.Any(input => input.Name == "skippable"))
        {
            connections.Add(Connect("approve", "done", "Skipped"));
        }

        return await engine.PublishAsync(
            Array(task, Activity("done", "Elsa.SetOutput", ("outputName", Literal("decision", "String")), ("outputValue", Expr("JavaScript", "getLastResult()")))),
            connections);
    }

    private static async Task<(WorkflowInstanceView Instance, List<HumanTask> Tasks)> StartAsync(EngineHarness engine, params (string Name, JsonNode? Value)[] inputs)
    {
        var id = await PublishAsync(engine, inputs);
        var instance = await engine.ExecuteAsync(id);
        var tasks = (await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).OrderBy(task => task.ApprovalStep).ToList();
        return (instance, tasks);
    }

    private static async Task<IReadOnlyList<ValidationError>> PublishErrorsAsync(params (string Name, JsonNode? Value)[] inputs)
    {
        using var engine = new EngineHarness();
        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => PublishAsync(engine, inputs));
        return error.Errors;
    }

    [Theory]
    [InlineData("approvalPolicy", """{"kind": "Majority", "approvers": ["a"]}""", "approvalPolicy.kind", "Majority")]
    [InlineData("approvalPolicy", """{"kind": "Parallel", "approvers": ["a", "b", "c"], "required": 5}""", "approvalPolicy.required", "5")]
    [InlineData("approvalPolicy", """{"kind": "Parallel", "approvers": ["a", "b"], "required": 0}""", "approvalPolicy.required", "0")]
    [InlineData("approvalPolicy", """{"kind": "Parallel", "approvers": ["a", "b"], "percentage": 0}""", "approvalPolicy.percentage", "0")]
    [InlineData("approvalPolicy", """{"kind": "Parallel", "approvers": ["a", "b"], "percentage": 101}""", "approvalPolicy.percentage", "101")]
    [InlineData("approvalPolicy", """{"kind": "Parallel", "approvers": ["a", "b"], "required": 1, "percentage": 50}""", "approvalPolicy.required", "1")]
    [InlineData("approvalPolicy", """{"kind": "Sequential", "approvers": []}""", "approvalPolicy.approvers", "[]")]
    [InlineData("approvalPolicy", """{"kind": "Sequential", "approvers": ["a", "group:"]}""", "approvalPolicy.approvers", "group:")]
    [InlineData("approvalPolicy", """{"kind": "Sequential", "approvers": ["a", "b"], "required": 1}""", "approvalPolicy.required", "1")]
    [InlineData("startDeadline", """{"after": "-PT1H", "action": "Notify", "target": "bob"}""", "startDeadline.after", "-01:00:00")]
    [InlineData("startDeadline", """{"after": "PT0S", "action": "Notify", "target": "bob"}""", "startDeadline.after", "00:00:00")]
    [InlineData("startDeadline", """{"after": "soon", "action": "Notify", "target": "bob"}""", "startDeadline.after", "soon")]
    [InlineData("startDeadline", """{"after": "PT1H", "action": "Escalate", "target": "bob"}""", "startDeadline.action", "Escalate")]
    [InlineData("startDeadline", """{"after": "PT1H", "action": "Reassign"}""", "startDeadline.target", null)]
    [InlineData("completionDeadline", """{"after": "PT1H", "action": "Complete"}""", "completionDeadline.outcome", null)]
    [InlineData("completionDeadline", """{"after": "PT1H", "action": "Complete", "outcome": "Maybe"}""", "completionDeadline.outcome", "Maybe")]
    [InlineData("reminder", """{"every": "PT0S", "times": 2}""", "reminder.every", "00:00:00")]
    [InlineData("reminder", """{"every": "PT1H", "times": 0}""", "reminder.times", "0")]
    [InlineData("approvalPolicy", "\"Parallel\"", "approvalPolicy", "\"Parallel\"")]
    public async Task Publish_BadLiteral_NamesInputAndValue(string input, string json, string property, string? value)
    {
        var errors = await PublishErrorsAsync((input, Object(json)));

        var error = Assert.Single(errors, error => error.Property == property);
        Assert.Equal("approve", error.ActivityId);
        Assert.Equal(value, error.Value);
        Assert.StartsWith("Activity 'approve' (UserTask): ", error.Message);
        if (value is not null)
        {
            Assert.Contains(value.Trim('"'), error.Message);
        }
    }

    [Fact]
    public async Task Publish_SkippableWithSkippedOutcome_IsError()
    {
        var errors = await PublishErrorsAsync(("skippable", Literal(true, "Boolean")), ("outcomes", Strings("Approve", "Skipped")));

        Assert.Single(errors, error => error.Property == "outcomes" && error.Value == "Skipped");
    }

    [Fact]
    public async Task Publish_ValidPolicyAndDeadlines_Succeeds()
    {
        using var engine = new EngineHarness();

        var id = await PublishAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "parallel", "approvers": ["bob", "group:finance"], "percentage": 50, "rejectEndsVote": true}""")),
            ("startDeadline", Object("""{"after": "PT4H", "action": "Reassign", "target": "group:leads"}""")),
            ("completionDeadline", Object("""{"after": "P2D", "action": "Complete", "outcome": "reject"}""")),
            ("reminder", Object("""{"every": "1.00:00:00", "times": 3}""")));

        Assert.False(string.IsNullOrEmpty(id));
    }

    [Fact]
    public async Task Skippable_AddsSkippedPort()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(engine, ("skippable", Literal(true, "Boolean")), ("assignee", Literal("bob", "String")));
        var task = Assert.Single(tasks);

        Assert.True(task.Skippable);
        var skipped = await TaskPolicyDriver.ResumeAsync(engine, task, new JsonObject
        {
            ["taskId"] = task.Id,
            ["skipped"] = true,
            ["completedBy"] = "bob",
            ["decision"] = new JsonObject { ["outcome"] = "Skipped", ["votes"] = new JsonArray() },
        });

        Assert.Equal(WorkflowSubStatus.Finished, skipped.Summary.SubStatus);
        Assert.Equal("Skipped", skipped.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Equal(["approve", "done"], await engine.CompletedActivitiesAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Failed_FaultsWithReason()
    {
        using var engine = new EngineHarness();
        var (_, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")));
        var task = Assert.Single(tasks);

        var failed = await TaskPolicyDriver.ResumeAsync(engine, task, new JsonObject
        {
            ["taskId"] = task.Id,
            ["failed"] = true,
            ["reason"] = "The supplier no longer exists",
            ["completedBy"] = "bob",
        });

        Assert.Equal(WorkflowSubStatus.Faulted, failed.Summary.SubStatus);
        var incident = Assert.Single(failed.Incidents);
        Assert.Contains("The supplier no longer exists", incident.Message);
        Assert.Contains(task.Id, incident.Message);
    }

    [Fact]
    public async Task NewInputs_AreCopiedToTask()
    {
        using var engine = new EngineHarness();
        var (_, tasks) = await StartAsync(
            engine,
            ("candidateGroups", Strings("managers")),
            ("excludedUsers", Strings("mallory")),
            ("excludeInitiator", Literal(true, "Boolean")),
            ("businessAdministrators", Strings("ada")),
            ("uiSchema", Object("""{"amount": {"ui:widget": "updown"}}""")));
        var task = Assert.Single(tasks);

        Assert.Equal(["mallory", "alice"], task.ExcludedUsers);
        Assert.True(task.ExcludeInitiator);
        Assert.Equal(["ada"], task.BusinessAdministrators);
        Assert.Equal("updown", task.UiSchema?["amount"]?["ui:widget"]?.GetValue<string>());
        Assert.Null(task.ApprovalPolicy);
    }

    [Fact]
    public async Task ExcludedAssignee_Faults()
    {
        using var engine = new EngineHarness();
        var id = await PublishAsync(engine, ("assignee", Literal("alice", "String")), ("excludeInitiator", Literal(true, "Boolean")));

        var instance = await engine.ExecuteAsync(id, initiator: "alice");

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains("'alice'", Assert.Single(instance.Incidents).Message);
        Assert.Empty(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task EvaluatedPolicy_Invalid_Faults()
    {
        using var engine = new EngineHarness();
        var id = await PublishAsync(engine, ("approvalPolicy", Expr("JavaScript", "({ kind: 'Parallel', approvers: ['bob'], required: 2 })")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var message = Assert.Single(instance.Incidents).Message;
        Assert.Contains("'approvalPolicy.required' is 2", message);
        Assert.Empty(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Single_WithApprovers_JoinsCandidates()
    {
        using var engine = new EngineHarness();
        var (_, tasks) = await StartAsync(
            engine,
            ("candidateUsers", Strings("carol")),
            ("approvalPolicy", Object("""{"kind": "Single", "approvers": ["bob", "group:finance"]}""")));
        var task = Assert.Single(tasks);

        Assert.Equal(["carol", "bob"], task.CandidateUsers);
        Assert.Equal(["finance"], task.CandidateGroups);
        Assert.Equal(HumanTaskStatus.Ready, task.Status);
    }

    [Fact]
    public async Task Parallel_CreatesTaskPerApprover()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(
            engine,
            ("assignee", Literal("ignored", "String")),
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin", "group:finance"], "required": 2}""")));

        Assert.Equal(3, tasks.Count);
        Assert.Equal(["bob", "erin", null], tasks.Select(task => task.Assignee));
        Assert.Equal([HumanTaskStatus.Reserved, HumanTaskStatus.Reserved, HumanTaskStatus.Ready], tasks.Select(task => task.Status));
        Assert.Equal(["finance"], tasks[2].CandidateGroups);
        Assert.Equal([0, 1, 2], tasks.Select(task => task.ApprovalStep));
        Assert.All(tasks, task => Assert.Equal(ApprovalPolicyKind.Parallel, task.ApprovalPolicy?.Kind));
        Assert.Equal(3, tasks.Select(task => task.BookmarkId).Distinct().Count());
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
    }

    [Fact]
    public async Task Parallel_TwoOfFour_DecidesAndObsoletesRest()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin", "carol", "dan"], "required": 2}""")));
        var instanceId = instance.Summary.Id;

        var waiting = await TaskPolicyDriver.CompleteAsync(engine, tasks[0].Id, "bob", "Approve", "fine");
        Assert.Equal(WorkflowSubStatus.Suspended, waiting.Summary.SubStatus);
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var rejected = await TaskPolicyDriver.CompleteAsync(engine, tasks[1].Id, "erin", "Reject");
        Assert.Equal(WorkflowSubStatus.Suspended, rejected.Summary.SubStatus);
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var finished = await TaskPolicyDriver.CompleteAsync(engine, tasks[2].Id, "carol", "Approve");

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        var result = finished.Output["decision"]!;
        Assert.Equal("Approve", result["outcome"]?.GetValue<string>());
        Assert.Equal("carol", result["completedBy"]?.GetValue<string>());
        Assert.Equal(["bob", "erin", "carol"], result["votes"]!.AsArray().Select(vote => vote?["user"]?.GetValue<string>()));
        var after = (await engine.TaskStore.ListByInstanceAsync(instanceId)).OrderBy(task => task.ApprovalStep).ToList();
        Assert.Equal([HumanTaskStatus.Completed, HumanTaskStatus.Completed, HumanTaskStatus.Completed, HumanTaskStatus.Obsolete], after.Select(task => task.Status));
        var history = await engine.TaskStore.GetHistoryAsync(after[3].Id);
        Assert.Equal([HumanTaskActions.Create, HumanTaskActions.Obsolete], history.Select(entry => entry.Action));
        Assert.Empty(await engine.Instances.ListBookmarksAsync(UserTask.TypeName, instanceId));
    }

    [Fact]
    public async Task Parallel_RejectEndsVote_DecidesOnFirstReject()
    {
        using var engine = new EngineHarness();
        var (_, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin", "carol"], "required": 1, "rejectEndsVote": true}""")));

        var finished = await TaskPolicyDriver.CompleteAsync(engine, tasks[1].Id, "erin", "Reject", "too expensive");

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Reject", finished.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Equal("too expensive", finished.Output["decision"]?["comment"]?.GetValue<string>());
        var statuses = (await engine.TaskStore.ListByInstanceAsync(finished.Summary.Id)).Select(task => task.Status).ToList();
        Assert.Equal(2, statuses.Count(status => status == HumanTaskStatus.Obsolete));
    }

    [Fact]
    public async Task Sequential_CreatesNextAfterApproval()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(
            engine,
            ("excludePreviousApprovers", Literal(true, "Boolean")),
            ("approvalPolicy", Object("""{"kind": "Sequential", "approvers": ["bob", "group:finance", "carol"]}""")));
        var instanceId = instance.Summary.Id;
        var first = Assert.Single(tasks);
        Assert.Equal("bob", first.Assignee);

        await TaskPolicyDriver.CompleteAsync(engine, first.Id, "bob", "Approve");
        var second = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instanceId), task => task.Status.IsOpen());
        Assert.Equal(1, second.ApprovalStep);
        Assert.Equal(["finance"], second.CandidateGroups);
        Assert.Contains("bob", second.ExcludedUsers);
        Assert.Equal(first.Title, second.Title);

        await TaskPolicyDriver.CompleteAsync(engine, second.Id, "frank", "Approve");
        var third = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instanceId), task => task.Status.IsOpen());
        Assert.Equal("carol", third.Assignee);
        Assert.Equal(["bob", "frank"], third.ExcludedUsers);

        var finished = await TaskPolicyDriver.CompleteAsync(engine, third.Id, "carol", "Approve");
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Approve", finished.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Equal(3, finished.Output["decision"]?["votes"]?.AsArray().Count);
    }

    [Fact]
    public async Task Sequential_RejectEndsChain()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Sequential", "approvers": ["bob", "carol"]}""")));

        var finished = await TaskPolicyDriver.CompleteAsync(engine, Assert.Single(tasks).Id, "bob", "Reject");

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Reject", finished.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Sequential_ExcludedNextApprover_Faults()
    {
        using var engine = new EngineHarness();
        var (_, tasks) = await StartAsync(
            engine,
            ("excludedUsers", Strings("carol")),
            ("approvalPolicy", Object("""{"kind": "Sequential", "approvers": ["bob", "carol"]}""")));

        var faulted = await TaskPolicyDriver.CompleteAsync(engine, Assert.Single(tasks).Id, "bob", "Approve");

        Assert.Equal(WorkflowSubStatus.Faulted, faulted.Summary.SubStatus);
        Assert.Contains("'carol'", Assert.Single(faulted.Incidents).Message);
    }

    [Fact]
    public async Task Completion_WithoutVote_ObsoletesOtherTasks()
    {
        using var engine = new EngineHarness();
        var (instance, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin"]}""")));

        // A completion that carries no decision ends the activity alone, and the task it leaves open is closed.
        var completed = tasks[0] with { Status = HumanTaskStatus.Completed, Outcome = "Approve", CompletedBy = "bob", Revision = tasks[0].Revision + 1 };
        var finished = await TaskPolicyDriver.ResumeAsync(
            engine,
            tasks[0],
            new JsonObject { ["taskId"] = tasks[0].Id, ["outcome"] = "Approve", ["completedBy"] = "bob" },
            [new HumanTaskUpdated(completed, tasks[0].Revision)]);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        var after = (await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).OrderBy(task => task.ApprovalStep).ToList();
        Assert.Equal([HumanTaskStatus.Completed, HumanTaskStatus.Obsolete], after.Select(task => task.Status));
    }

    [Fact]
    public async Task Cancel_Parallel_ExitsEveryTask()
    {
        using var engine = new EngineHarness();
        var (instance, _) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin"]}""")));

        await engine.Runtime.CancelAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout);

        var tasks = await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id);
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, task => Assert.Equal(HumanTaskStatus.Exited, task.Status));
    }
}
