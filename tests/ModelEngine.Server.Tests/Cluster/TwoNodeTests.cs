using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Persistence.Tests;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Cluster;

/// <summary>
/// Two server nodes on one PostgreSQL database: calls on the same instances through both nodes, a resume that
/// arrives while the other node runs a step, and the 503 a call gets when another node keeps the lease.
/// </summary>
public sealed class TwoNodeTests : IClassFixture<PostgresCluster>
{
    private readonly PostgresCluster _cluster;
    private readonly ITestOutputHelper _output;

    public TwoNodeTests(PostgresCluster cluster, ITestOutputHelper output)
    {
        _cluster = cluster;
        _output = output;
    }

    [PostgresFact]
    public async Task CompleteTasks_ThroughBothNodes_AllAdvance()
    {
        var count = StressCounts.IsFull ? 200 : 40;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"Seed {seed}, {count} instances.");
        var alice = new[] { await _cluster.NodeA.CreateClientForAsync("alice"), await _cluster.NodeB.CreateClientForAsync("alice") };
        var bob = new[] { await _cluster.NodeA.CreateClientForAsync("bob"), await _cluster.NodeB.CreateClientForAsync("bob") };
        await Fixtures.PublishAsync(await _cluster.NodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.SingleReview, "cluster-review"));

        // Half of the instances are dispatched through each node, so both nodes' workers run first steps.
        var instanceIds = await RunConcurrentlyAsync(count, i => Instances.DispatchAsync(alice[i % 2], "cluster-review", new { }));
        var tasks = await WaitForTasksAsync(bob[0], instanceIds);

        // Each task is completed through a node picked at random, all at once.
        var nodes = tasks.Select(_ => random.Next(2)).ToArray();
        var statuses = await RunConcurrentlyAsync(tasks.Count, async i =>
        {
            var response = await bob[nodes[i]].PostAsJsonAsync($"/api/tasks/{tasks[i].TaskId}/complete", new { outcome = "Approve" }).WaitAsync(Timeouts.Request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });

        var failures = statuses.Where(result => result.StatusCode != HttpStatusCode.OK).Select(result => $"{(int)result.StatusCode}: {result.Body}").ToList();
        Assert.True(failures.Count == 0, $"Seed {seed}: {failures.Count} of {count} completions failed. First: {failures.FirstOrDefault()}");
        var finished = await Eventually.WaitAsync(
            () => _cluster.Database.CountAsync("""SELECT count(*) FROM "WorkflowInstances" WHERE "DefinitionId" = 'cluster-review' AND "SubStatus" = 'Finished'"""),
            finishedCount => finishedCount == count,
            $"all {count} instances to finish (seed {seed})",
            TimeSpan.FromSeconds(60));
        Assert.Equal(count, finished);
        Assert.Equal(0, await _cluster.Database.CountAsync("""SELECT count(*) FROM "Bookmarks" WHERE "WorkflowInstanceId" = ANY($1)""", (object)instanceIds.ToArray()));
        Assert.Equal(0, await _cluster.Database.CountAsync("""SELECT count(*) FROM "HumanTasks" WHERE "WorkflowInstanceId" = ANY($1) AND "Status" <> 'Completed'""", (object)instanceIds.ToArray()));
        Assert.Equal(count, await _cluster.Database.CountAsync("""SELECT count(*) FROM "JournalEntries" WHERE "WorkflowInstanceId" = ANY($1) AND "EventName" = 'WorkflowFinished'""", (object)instanceIds.ToArray()));

        // Each node releases a lease just after its commit.
        await Eventually.WaitAsync(
            () => _cluster.Database.CountAsync("""SELECT count(*) FROM "WorkflowInstanceLeases" WHERE "InstanceId" = ANY($1)""", (object)instanceIds.ToArray()),
            leased => leased == 0,
            "both nodes to release the leases of the finished instances");
    }

    [PostgresFact]
    public async Task Resume_WhileOtherNodeRunsStep_WaitsForItsCommit()
    {
        var bob = new Dictionary<string, HttpClient>
        {
            ["node-a"] = await _cluster.NodeA.CreateClientForAsync("bob"),
            ["node-b"] = await _cluster.NodeB.CreateClientForAsync("bob"),
        };
        await Fixtures.PublishAsync(await _cluster.NodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.ParallelReview, "cluster-slow-review"));
        var instanceId = await Instances.DispatchAsync(bob["node-a"], "cluster-slow-review", new { busyMilliseconds = 3000 });
        var tasks = await WaitForTasksAsync(bob["node-a"], [instanceId], expectedPerInstance: 2);
        var first = tasks.Single(task => task.Title == "First review");
        var second = tasks.Single(task => task.Title == "Second review");

        // Completing the first review queues the slow step, which runs under the lease of whichever node picks it up.
        await bob["node-a"].PostObjectAsync($"/api/tasks/{first.TaskId}/complete", new { outcome = "Approve" });
        var holder = await Eventually.WaitAsync(
            () => _cluster.Database.QueryScalarAsync("""SELECT "OwnerId" FROM "WorkflowInstanceLeases" WHERE "InstanceId" = $1""", instanceId),
            owner => owner is string,
            $"a node to lease workflow instance {instanceId} for its slow step");
        var other = (string)holder! == "node-a" ? "node-b" : "node-a";

        // The other node waits for the lease, so the resume lands after the slow step's commit and is applied once.
        var watch = Stopwatch.StartNew();
        var response = await bob[other].PostAsJsonAsync($"/api/tasks/{second.TaskId}/complete", new { outcome = "Approve" }).WaitAsync(Timeouts.Request);
        watch.Stop();
        var instance = await bob["node-a"].GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"The completion through {other} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()} Instance: {instance.ToJsonString()}");
        var journalAtAnswer = await JournalTextAsync(instanceId);
        Assert.True(watch.Elapsed > TimeSpan.FromMilliseconds(500), $"The completion through {other} returned after {watch.ElapsedMilliseconds} ms, without waiting for {holder}.");
        Assert.Equal(1, CountOccurrences(journalAtAnswer, "first-review-applied"));

        var finished = await Instances.WaitForSubStatusAsync(bob["node-a"], instanceId, "Finished");
        Assert.True(finished["output"]?["done"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
        var journal = await JournalTextAsync(instanceId);
        Assert.Equal(1, CountOccurrences(journal, "first-review-applied"));
        Assert.Equal(1, CountOccurrences(journal, "second-review-applied"));
    }

    [PostgresFact]
    public async Task ConcurrentResumes_OnTwoNodes_AppliedOnce()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"Seed {seed}, {StressCounts.RaceRepeats} runs.");
        var bob = new[] { await _cluster.NodeA.CreateClientForAsync("bob"), await _cluster.NodeB.CreateClientForAsync("bob") };
        await Fixtures.PublishAsync(await _cluster.NodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.ParallelReview, "cluster-race-review"));

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            var instanceId = await Instances.DispatchAsync(bob[run % 2], "cluster-race-review", new { busyMilliseconds = random.Next(0, 50) });
            var tasks = await WaitForTasksAsync(bob[0], [instanceId], expectedPerInstance: 2);
            var nodes = new[] { random.Next(2), random.Next(2) };
            var delays = new[] { random.Next(0, 5), random.Next(0, 5) };

            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
            {
                await Task.Delay(delays[i]);
                var response = await bob[nodes[i]].PostAsJsonAsync($"/api/tasks/{tasks[i].TaskId}/complete", new { outcome = "Approve" }).WaitAsync(Timeouts.Request);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            var context = $"run {run} (seed {seed}), instance {instanceId}, nodes {nodes[0]}/{nodes[1]}";
            Assert.True(results.All(result => result.StatusCode == HttpStatusCode.OK), $"{context}: {string.Join("; ", results.Select(r => $"{(int)r.StatusCode} {r.Body}"))}");
            await Instances.WaitForSubStatusAsync(bob[0], instanceId, "Finished");
            var journal = await JournalTextAsync(instanceId);
            Assert.True(CountOccurrences(journal, "first-review-applied") == 1, $"{context}: the first review was applied {CountOccurrences(journal, "first-review-applied")} times.");
            Assert.True(CountOccurrences(journal, "second-review-applied") == 1, $"{context}: the second review was applied {CountOccurrences(journal, "second-review-applied")} times.");
            Assert.Equal(1, await _cluster.Database.CountAsync("""SELECT count(*) FROM "JournalEntries" WHERE "WorkflowInstanceId" = $1 AND "EventName" = 'WorkflowFinished'""", instanceId));
        }
    }

    [PostgresFact]
    public async Task Complete_LeaseHeldPastWait_Returns503()
    {
        var impatient = await _cluster.StartNodeAsync("node-impatient", ("Execution:LeaseWait", "00:00:00.5"));
        var bob = await impatient.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(await _cluster.NodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.SingleReview, "cluster-busy-review"));
        var instanceId = await Instances.DispatchAsync(bob, "cluster-busy-review", new { });
        var task = Assert.Single(await WaitForTasksAsync(bob, [instanceId]));

        // A node that is not running keeps the lease for a minute, as a node in the middle of a long step would. The
        // upsert replaces the lease of the step that created the task, which its node releases just after the commit.
        await _cluster.Database.QueryScalarAsync(
            """
            INSERT INTO "WorkflowInstanceLeases" ("InstanceId", "OwnerId", "ExpiresAt") VALUES ($1, 'node-elsewhere', now() + interval '1 minute')
            ON CONFLICT ("InstanceId") DO UPDATE SET "OwnerId" = excluded."OwnerId", "ExpiresAt" = excluded."ExpiresAt"
            """,
            instanceId);
        var response = await bob.PostAsJsonAsync($"/api/tasks/{task.TaskId}/complete", new { outcome = "Approve" }).WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After is {retryAfter}.");
        Assert.Equal(503, problem["status"]?.GetValue<int>());
        Assert.Equal(instanceId, problem["workflowInstanceId"]?.GetValue<string>());
        Assert.Contains("node-elsewhere", problem["detail"]?.GetValue<string>());
        var unchanged = await bob.GetObjectAsync($"/api/tasks/{task.TaskId}");
        Assert.Equal("Reserved", unchanged["status"]?.GetValue<string>());

        // Once that lease is gone, the same call succeeds once.
        await _cluster.Database.QueryScalarAsync("""DELETE FROM "WorkflowInstanceLeases" WHERE "InstanceId" = $1""", instanceId);
        await bob.PostObjectAsync($"/api/tasks/{task.TaskId}/complete", new { outcome = "Approve" });
        await bob.PostObjectAsync($"/api/tasks/{task.TaskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);
        var finished = await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        Assert.True(finished["output"]?["reviewed"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
    }

    [PostgresFact]
    public async Task Complete_LeaseExpiresWithinWait_WaitsAndApplies()
    {
        var bob = await _cluster.NodeB.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(await _cluster.NodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.SingleReview, "cluster-dead-holder-review"));
        var instanceId = await Instances.DispatchAsync(bob, "cluster-dead-holder-review", new { });
        var task = Assert.Single(await WaitForTasksAsync(bob, [instanceId]));

        // A node that died holds a lease that expires in 2 s, well within the 10 s LeaseWait.
        await _cluster.Database.QueryScalarAsync(
            """
            INSERT INTO "WorkflowInstanceLeases" ("InstanceId", "OwnerId", "ExpiresAt") VALUES ($1, 'node-dead', now() + interval '2 seconds')
            ON CONFLICT ("InstanceId") DO UPDATE SET "OwnerId" = excluded."OwnerId", "ExpiresAt" = excluded."ExpiresAt"
            """,
            instanceId);
        var watch = Stopwatch.StartNew();
        await bob.PostObjectAsync($"/api/tasks/{task.TaskId}/complete", new { outcome = "Approve" });
        watch.Stop();

        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1), $"The completion returned after {watch.ElapsedMilliseconds} ms, before the dead node's lease expired.");
        var finished = await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        Assert.True(finished["output"]?["reviewed"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
    }

    private async Task<string> JournalTextAsync(string instanceId)
    {
        var journal = await _cluster.Database.QueryScalarAsync(
            """SELECT string_agg(coalesce("Message", '') || ' ' || coalesce("PayloadJson", ''), E'\n') FROM "JournalEntries" WHERE "WorkflowInstanceId" = $1""",
            instanceId);
        return journal as string ?? "";
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits until every instance has its open tasks in <paramref name="client"/>'s inbox, and returns them.</summary>
    private static async Task<List<(string InstanceId, string TaskId, string Title)>> WaitForTasksAsync(
        HttpClient client, IReadOnlyCollection<string> instanceIds, int expectedPerInstance = 1)
    {
        var expected = instanceIds.ToHashSet(StringComparer.Ordinal);
        var tasks = await Eventually.WaitAsync(
            async () =>
            {
                var inbox = await client.GetObjectAsync("/api/tasks?pageSize=1000");
                return inbox["items"]!.AsArray()
                    .OfType<JsonObject>()
                    .Where(task => expected.Contains(task["workflowInstanceId"]!.GetValue<string>()))
                    .Select(task => (task["workflowInstanceId"]!.GetValue<string>(), task["id"]!.GetValue<string>(), task["title"]!.GetValue<string>()))
                    .ToList();
            },
            found => found.Count == expected.Count * expectedPerInstance,
            $"{expected.Count * expectedPerInstance} open tasks of {expected.Count} instances",
            TimeSpan.FromSeconds(60));
        return tasks;
    }

    /// <summary>Runs <paramref name="count"/> calls with at most 16 at a time and returns their results in order.</summary>
    private static async Task<List<T>> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> call)
    {
        using var gate = new SemaphoreSlim(16);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(Timeouts.Request);
            try
            {
                return await call(i);
            }
            finally
            {
                gate.Release();
            }
        });
        return (await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(120))).ToList();
    }
}
