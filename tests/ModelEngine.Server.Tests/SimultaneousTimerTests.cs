using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Many timers due in the same second, fired by the real Hangfire server: each fires exactly once. Also, the due-date
/// timer of a task completed before it was due runs its job and fires nothing. The provider tests derive from this.
/// </summary>
public abstract class SimultaneousTimerTests
{
    private readonly ITestOutputHelper _output;

    protected SimultaneousTimerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    protected abstract ServerFactory Server { get; }

    protected abstract TimerLogRecorder Recorder { get; }

    protected abstract string Provider { get; }

    protected async Task TimersDueInSameSecond_FireOnceEachAsync()
    {
        var count = StressCounts.SimultaneousTimers;
        var definitionId = $"same-second-{Provider}";
        var dave = await Server.CreateClientForAsync("dave");
        var runtime = Server.Services.GetRequiredService<IWorkflowRuntime>();
        var timers = Server.Services.GetRequiredService<IDurableTimerStore>();

        // Every instance waits in a StartAt for the same instant, far enough ahead for all of them to be suspended.
        var lead = TimeSpan.FromSeconds(20) + TimeSpan.FromMilliseconds(50 * count);
        var dueAt = DateTimeOffset.UtcNow + lead;
        dueAt = new DateTimeOffset(dueAt.Ticks - (dueAt.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        _output.WriteLine($"{Provider}: {count} timers due at {dueAt:O}");
        await Fixtures.PublishAsync(dave, StartAtModel(definitionId, dueAt));

        var clock = Stopwatch.StartNew();
        var instanceIds = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
            instanceIds[i] = await runtime.DispatchAsync(new StartWorkflowRequest(definitionId, Initiator: "dave"), cancellationToken).WaitAsync(Timeouts.Request, cancellationToken));

        var ids = instanceIds.ToHashSet(StringComparer.Ordinal);
        var armed = await Eventually.WaitAsync(
            async () => (await timers.ListDueAsync(dueAt, count + 1000)).Where(timer => ids.Contains(timer.WorkflowInstanceId)).ToList(),
            rows => rows.Count == count,
            $"{count} timer rows due at {dueAt:O}",
            lead);
        _output.WriteLine($"{Provider}: {armed.Count} timers armed after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(DateTimeOffset.UtcNow < dueAt, $"The timers were armed only after their due time {dueAt:O}; raise the lead time.");
        Assert.All(armed, timer => Assert.Equal(dueAt, timer.DueAt));

        var timerIds = armed.Select(timer => timer.Id).ToList();
        await Eventually.WaitAsync(
            () => Task.FromResult(timerIds.Count(Recorder.Fired.ContainsKey)),
            fired => fired == count,
            $"all {count} timers to fire",
            lead + TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(50 * count));
        _output.WriteLine($"{Provider}: all timers fired {(DateTimeOffset.UtcNow - dueAt).TotalSeconds:0.0} s after their due time");

        var finished = await Eventually.WaitAsync(
            async () =>
            {
                var done = 0;
                foreach (var id in instanceIds)
                {
                    done += (await runtime.GetAsync(id))?.Summary.SubStatus == WorkflowSubStatus.Finished ? 1 : 0;
                }

                return done;
            },
            done => done == count,
            $"all {count} instances to finish",
            TimeSpan.FromSeconds(120));

        Assert.Equal(count, finished);
        Assert.All(timerIds, timerId => Assert.True(Recorder.Fired[timerId] == 1, $"Timer {timerId} fired {Recorder.Fired[timerId]} times."));
        Assert.DoesNotContain(await timers.ListDueAsync(DateTimeOffset.UtcNow.AddDays(1), 100_000), timer => ids.Contains(timer.WorkflowInstanceId));
    }

    protected async Task CompletedTaskTimer_NeverFiresAsync()
    {
        var definitionId = $"due-completed-{Provider}";
        var dave = await Server.CreateClientForAsync("dave");
        var bob = await Server.CreateClientForAsync("bob");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, definitionId);
        var userTask = model["root"]!["activities"]!.AsArray().Single(activity => activity?["type"]?.GetValue<string>() == "ModelEngine.UserTask")!;
        userTask["dueIn"] = new JsonObject { ["typeName"] = "TimeSpan", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "00:00:02" } };
        await Fixtures.PublishAsync(dave, model);
        var instanceId = await Instances.DispatchAsync(dave, definitionId, new { amount = 25_000, item = "Forklift" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        var taskId = task["id"]!.GetValue<string>();
        var timers = Server.Services.GetRequiredService<IDurableTimerStore>();
        var timer = (await timers.ListDueAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10_000)).Single(row => row.WorkflowInstanceId == instanceId);

        await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" });

        // The timer's Hangfire job still runs at the due time, finds the row gone and fires nothing. It may queue
        // behind the no-op jobs that the simultaneous-timer test left. The wait allows 250 ms per such job, because
        // SQLite storage on a loaded 2-core machine ran 2,000 of them in more than 200 s.
        await Eventually.WaitAsync(
            () => Task.FromResult(Recorder.NotClaimed.GetValueOrDefault(timer.Id)),
            runs => runs >= 1,
            $"the Hangfire job of timer {timer.Id} to run and find the timer gone",
            Timeouts.Poll + TimeSpan.FromMilliseconds(250 * StressCounts.SimultaneousTimers));
        Assert.False(Recorder.Fired.ContainsKey(timer.Id), $"Timer {timer.Id} of completed task {taskId} fired.");
        var completed = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal("Completed", completed["status"]?.GetValue<string>());
        Assert.Null(completed["overdueAt"]);
    }

    private static JsonObject StartAtModel(string definitionId, DateTimeOffset dueAt) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Same second",
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "flow",
            ["activities"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "at", ["type"] = "Elsa.StartAt",
                    ["dateTime"] = new JsonObject { ["typeName"] = "DateTimeOffset", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = dueAt.ToString("O") } },
                },
                new JsonObject
                {
                    ["id"] = "done", ["type"] = "Elsa.SetOutput",
                    ["outputName"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "fired" } },
                    ["outputValue"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "yes" } },
                },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "at", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "done", ["port"] = "In" },
                },
            },
        },
    };
}
