using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using Xunit.Abstractions;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Races;

/// <summary>Concurrent calls on one instance end in one consistent state, whichever call wins.</summary>
public sealed class RaceTests
{
    private static readonly Security.UserIdentity Bob = EngineHarness.User("bob", "managers");

    private readonly ITestOutputHelper _output;

    public RaceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static JsonObject Task(string id) =>
        Activity(id, "ModelEngine.UserTask", ("title", Literal("Approve " + id, "String")), ("candidateGroups", Literal("managers", "String[]")));

    [Fact]
    public async Task CompleteAndCancel_Race_EndsConsistent()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(Array(Task("approve"), Activity("after", "Elsa.WriteLine", ("text", Literal("after", "String")))), Array(Connect("approve", "after", "Approve")));
        var seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"Seed {seed}, {StressCounts.RaceRepeats} runs.");

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            var instance = await engine.ExecuteAsync(id);
            var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
            await engine.Tasks.ClaimAsync(task.Id, Bob, null).WaitAsync(EngineHarness.Timeout);
            var delay = random.Next(0, 3);

            var complete = Attempt(async () =>
            {
                await System.Threading.Tasks.Task.Delay(delay);
                await engine.Tasks.CompleteAsync(task.Id, Bob, new TaskCompletion("Approve"), null);
            });
            var cancel = Attempt(() => engine.Runtime.CancelAsync(instance.Summary.Id));
            var results = await System.Threading.Tasks.Task.WhenAll(complete, cancel).WaitAsync(EngineHarness.Timeout);
            await engine.Runtime.RunPendingAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout);

            var stored = (await engine.TaskStore.FindAsync(task.Id))!;
            var final = (await engine.Runtime.GetAsync(instance.Summary.Id))!;
            var context = $"run {run} (seed {seed}): complete {Describe(results[0])}, cancel {Describe(results[1])}, task {stored.Status}, instance {final.Summary.SubStatus}";
            Assert.True(results[0] is null || results[1] is null, $"Both calls failed in {context}.");
            Assert.All(results.Where(result => result is not null), result => Assert.True(result is TaskConflictException or WorkflowConflictException, context));
            Assert.False(stored.Status.IsOpen(), $"A task stayed open in {context}.");
            Assert.Equal(WorkflowStatus.Finished, final.Summary.Status);
            Assert.Empty((await engine.Instances.ListBookmarksAsync("ModelEngine.UserTask", instance.Summary.Id)));
        }
    }

    [Fact]
    public async Task ThreeApprovals_ConcurrentCompletes_JoinFiresOnce()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("fork", "Elsa.FlowFork", ("branches", Literal("a,b,c", "String[]"))),
                Task("a"),
                Task("b"),
                Task("c"),
                Activity("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll", "String"))),
                Activity("next", "Elsa.WriteLine", ("text", Literal("next", "String")))),
            Array(
                Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("fork", "c", "c"),
                Connect("a", "join", "Approve"), Connect("b", "join", "Approve"), Connect("c", "join", "Approve"),
                Connect("join", "next")));

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            var instance = await engine.ExecuteAsync(id);
            var tasks = await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id);
            Assert.Equal(3, tasks.Count);
            foreach (var task in tasks)
            {
                await engine.Tasks.ClaimAsync(task.Id, Bob, null);
            }

            // Completions and background runs interleave, as they do with several workers.
            var work = tasks.Select(task => System.Threading.Tasks.Task.Run(async () =>
            {
                await engine.Tasks.CompleteAsync(task.Id, Bob, new TaskCompletion("Approve"), null);
                await engine.Runtime.RunPendingAsync(instance.Summary.Id);
            }));
            await System.Threading.Tasks.Task.WhenAll(work).WaitAsync(EngineHarness.Timeout);
            var final = await engine.RunPendingAsync(instance.Summary.Id);

            var completed = await engine.CompletedActivitiesAsync(instance.Summary.Id);
            Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
            Assert.Single(completed, activity => activity == "join");
            Assert.Single(completed, activity => activity == "next");
        }
    }

    private static async Task<Exception?> Attempt(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception exception) when (exception is TaskConflictException or WorkflowConflictException or ConcurrencyConflictException or BookmarkNotFoundException)
        {
            return exception;
        }
    }

    private static string Describe(Exception? exception) => exception is null ? "succeeded" : exception.GetType().Name;
}
