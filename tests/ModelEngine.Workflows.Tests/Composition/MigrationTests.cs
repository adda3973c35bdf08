using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Migration;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Composition.CompositionHelpers;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Composition;

public sealed class MigrationTests
{
    /// <summary>Publishes version 1 (wait "a", then output v1) and starts an instance waiting on "a".</summary>
    private static async Task<string> StartOnVersionOneAsync(EngineHarness engine)
    {
        await PublishAsync(engine, "flow", Array(RunTask("a", "work"), Output("done", "version", "1")), Array(Connect("a", "done")));
        var instance = await engine.ExecuteAsync("flow");
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        return instance.Summary.Id;
    }

    private static Task PublishVersionTwoAsync(EngineHarness engine) =>
        PublishAsync(engine, "flow", Array(RunTask("a2", "work"), Output("done2", "version", "2")), Array(Connect("a2", "done2")));

    [Fact]
    public async Task MappedActivity_MovesInstanceAndResumesOnTarget()
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);
        await PublishVersionTwoAsync(engine);

        var migrated = await engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 2, new Dictionary<string, string> { ["a"] = "a2" }, "admin")).WaitAsync(EngineHarness.Timeout);
        var bookmark = Assert.Single(await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", id));
        await CompleteRunTaskAsync(engine, id);
        var final = await engine.RunPendingAsync(id);
        var journal = await engine.JournalAsync(id);

        Assert.Equal(2, migrated.Summary.Version);
        Assert.Equal(2, migrated.Summary.Revision);
        Assert.Equal("a2", bookmark.ActivityId);
        Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
        Assert.Equal(2, final.Output["version"]!.GetValue<int>());
        var entry = Assert.Single(journal, entry => entry.EventName == JournalEvents.WorkflowMigrated);
        Assert.Equal("a2", JsonNode.Parse(entry.PayloadJson!)!["activityIdMap"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnmappedWaitingActivity_RejectedWithActivityId()
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);
        await PublishVersionTwoAsync(engine);

        var error = await Assert.ThrowsAsync<MigrationRejectedException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 2)));
        var unchanged = (await engine.Runtime.GetAsync(id))!;

        Assert.Equal("a", error.ActivityId);
        Assert.Contains("'a'", error.Message);
        Assert.Equal(1, unchanged.Summary.Version);
        Assert.Equal(1, unchanged.Summary.Revision);
    }

    [Fact]
    public async Task ActivityOfOtherType_Rejected()
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);
        await PublishAsync(engine, "flow", Array(Activity("a", "Elsa.WriteLine", ("text", Literal("x", "String")))), Array());

        var error = await Assert.ThrowsAsync<MigrationRejectedException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id)));

        Assert.Equal("a", error.ActivityId);
        Assert.Contains("ModelEngine.WriteLine", error.Message);
    }

    [Theory]
    [InlineData("zzz", "a2", "activityIdMap.zzz")]
    [InlineData("a", "nowhere", "activityIdMap.a")]
    public async Task BadMap_RejectedNamingEntry(string from, string to, string parameter)
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);
        await PublishVersionTwoAsync(engine);

        var error = await Assert.ThrowsAsync<InvalidMigrationRequestException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 2, new Dictionary<string, string> { [from] = to })));

        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(to, error.Value);
    }

    [Fact]
    public async Task UnknownVersion_RejectedNamingTargetVersion()
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);

        var error = await Assert.ThrowsAsync<InvalidMigrationRequestException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 9)));

        Assert.Equal("targetVersion", error.Parameter);
        Assert.Equal("9", error.Value);
    }

    [Fact]
    public async Task MigrateAndResume_Race_EndOnTargetVersion()
    {
        using var engine = new EngineHarness();
        var first = await StartOnVersionOneAsync(engine);
        var versionOne = (await engine.Runtime.GetAsync(first))!.Summary.DefinitionVersionId;
        await PublishVersionTwoAsync(engine);
        var map = new Dictionary<string, string> { ["a"] = "a2" };

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            var started = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest("flow", VersionId: versionOne)).WaitAsync(EngineHarness.Timeout);
            var id = started.Summary.Id;
            var bookmark = Assert.Single(await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", id));

            // The instance's lock orders the two calls, and either order ends on version 2.
            var migrate = Task.Run(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 2, map)));
            var resume = Task.Run(() => engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(id, bookmark.Id)));
            await Task.WhenAll(migrate, resume).WaitAsync(EngineHarness.Timeout);
            var final = await engine.RunPendingAsync(id);

            Assert.True(WorkflowSubStatus.Finished == final.Summary.SubStatus, $"Run {run}: instance is {final.Summary.SubStatus}.");
            Assert.True(2 == final.Summary.Version, $"Run {run}: instance is on version {final.Summary.Version}.");
            Assert.True(2 == final.Output["version"]!.GetValue<int>(), $"Run {run}: output is {final.Output.ToJsonString()}.");
        }
    }

    [Fact]
    public async Task WaitingJoin_FollowsMappedIds()
    {
        using var engine = new EngineHarness();
        JsonObject Fork(string id) => Activity(id, "Elsa.FlowFork", ("branches", Literal("left,right", "String[]")));
        JsonObject Join(string id) => Activity(id, "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String")));
        JsonObject Branch(string source, string target, string port) => Connect(source, target, port);

        // The right branch reaches the join at once, the left one waits on a RunTask.
        await PublishAsync(engine, "joined",
            Array(Fork("fork"), RunTask("left", "work"), Activity("right", "Elsa.WriteLine", ("text", Literal("right", "String"))), Join("join"), Output("done", "version", "1")),
            Array(Branch("fork", "left", "left"), Branch("fork", "right", "right"), Connect("left", "join"), Connect("right", "join"), Connect("join", "done")));
        var started = await engine.ExecuteAsync("joined");
        await PublishAsync(engine, "joined",
            Array(Fork("fork"), RunTask("left2", "work"), Activity("right2", "Elsa.WriteLine", ("text", Literal("right", "String"))), Join("join2"), Output("done", "version", "2")),
            Array(Branch("fork", "left2", "left"), Branch("fork", "right2", "right"), Connect("left2", "join2"), Connect("right2", "join2"), Connect("join2", "done")));
        var map = new Dictionary<string, string> { ["left"] = "left2", ["right"] = "right2", ["join"] = "join2" };

        await engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(started.Summary.Id, 2, map)).WaitAsync(EngineHarness.Timeout);
        await CompleteRunTaskAsync(engine, started.Summary.Id);
        var final = await engine.RunPendingAsync(started.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, started.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
        Assert.Equal(2, final.Output["version"]!.GetValue<int>());
        Assert.Single(await engine.CompletedActivitiesAsync(started.Summary.Id), activityId => activityId == "done");
    }

    [Fact]
    public async Task WaitingJoinWithoutCounterpart_Rejected()
    {
        using var engine = new EngineHarness();
        JsonObject Fork(string id) => Activity(id, "Elsa.FlowFork", ("branches", Literal("left,right", "String[]")));
        await PublishAsync(engine, "unjoined",
            Array(Fork("fork"), RunTask("left", "work"), Activity("right", "Elsa.WriteLine", ("text", Literal("right", "String"))), Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String")))),
            Array(Connect("fork", "left", "left"), Connect("fork", "right", "right"), Connect("left", "join"), Connect("right", "join")));
        var started = await engine.ExecuteAsync("unjoined");
        await PublishAsync(engine, "unjoined", Array(RunTask("left", "work")), Array());

        var error = await Assert.ThrowsAsync<MigrationRejectedException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(started.Summary.Id, 2)));

        Assert.Equal("join", error.ActivityId);
    }

    [Fact]
    public async Task FinishedInstance_Conflicts()
    {
        using var engine = new EngineHarness();
        var id = await StartOnVersionOneAsync(engine);
        await engine.Runtime.CancelAsync(id).WaitAsync(EngineHarness.Timeout);
        await PublishVersionTwoAsync(engine);

        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Runtime.MigrateAsync(new MigrateWorkflowRequest(id, 2, new Dictionary<string, string> { ["a"] = "a2" })));
    }
}
