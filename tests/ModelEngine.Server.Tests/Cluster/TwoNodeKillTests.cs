using System.Text.Json.Nodes;
using ModelEngine.Persistence.Tests;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.PostgreSql;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Cluster;

/// <summary>
/// Two real server processes on one PostgreSQL database. One is killed with SIGKILL while it runs steps, and the
/// other finishes every instance from its last commit, once.
/// </summary>
public sealed class TwoNodeKillTests : IAsyncLifetime
{
    private const string BusyMillisecondsScript =
        "(function () { var started = Date.now(); while (Date.now() - started < input.busyMilliseconds) { } return Date.now() - started; })()";

    // The first instances run long enough that node A is still inside their steps after the test has dispatched the
    // others, when it kills node A.
    private const int LongStepCount = 4;
    private const int LongStepMilliseconds = 15_000;

    private readonly PostgresDatabase _database = new("modelengine_kill_test_");
    private readonly string _folder = Directory.CreateTempSubdirectory("modelengine-kill-tests-").FullName;
    private readonly ITestOutputHelper _output;

    public TwoNodeKillTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.ConnectionString is not null)
        {
            await _database.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (PostgresTestServer.ConnectionString is not null)
        {
            await _database.DropAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    [PostgresFact]
    public async Task KillNodeMidStep_OtherNodeFinishesOnce()
    {
        var count = StressCounts.IsFull ? 100 : 12;
        _output.WriteLine($"{LongStepCount} instances of a {LongStepMilliseconds / 1000} s step, then {count - LongStepCount} of a 1 s step.");
        await using var nodeA = await StartNodeAsync("node-a");
        await using var nodeB = await StartNodeAsync("node-b");
        var daveA = await nodeA.CreateClientForAsync("dave");
        var daveB = await nodeB.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.SlowScript, "cluster-kill");
        model["root"]!["activities"]![1]!["outputValue"]!["expression"]!["value"] = BusyMillisecondsScript;
        model["inputs"] = new JsonArray(new JsonObject { ["type"] = "Int32", ["name"] = "busyMilliseconds" });
        await Fixtures.PublishAsync(daveA, model);

        // Every instance is dispatched through node A, the long ones first, so that A's workers pick those up at once.
        // Node B's recovery may take over the instances A has not started.
        var instanceIds = new List<string>();
        for (var i = 0; i < LongStepCount; i++)
        {
            instanceIds.Add(await Instances.DispatchAsync(daveA, "cluster-kill", new { busyMilliseconds = LongStepMilliseconds }));
        }

        await Eventually.WaitAsync(
            () => _database.CountAsync("""SELECT count(*) FROM "WorkflowInstanceLeases" WHERE "OwnerId" = 'node-a' AND "InstanceId" = ANY($1)""", (object)instanceIds.ToArray()),
            leased => leased > 0,
            $"node A to lease an instance with a {LongStepMilliseconds / 1000} s step");
        for (var i = LongStepCount; i < count; i++)
        {
            instanceIds.Add(await Instances.DispatchAsync(daveA, "cluster-kill", new { busyMilliseconds = 1000 }));
        }

        await nodeA.KillAsync();

        // The leases of the dead node stay until they expire, and name the instances it was running.
        var interrupted = await _database.ListAsync("""SELECT "InstanceId" FROM "WorkflowInstanceLeases" WHERE "OwnerId" = 'node-a'""");
        _output.WriteLine($"Node A was killed while it held {interrupted.Count} leases: {string.Join(", ", interrupted)}.");
        Assert.NotEmpty(interrupted);

        var finished = await Eventually.WaitAsync(
            () => _database.CountAsync("""SELECT count(*) FROM "WorkflowInstances" WHERE "DefinitionId" = 'cluster-kill' AND "SubStatus" = 'Finished'"""),
            finishedCount => finishedCount == count,
            $"node B to finish all {count} instances",
            TimeSpan.FromSeconds(StressCounts.IsFull ? 300 : 120));
        Assert.Equal(count, finished);

        foreach (var instanceId in instanceIds)
        {
            var instance = await daveB.GetObjectAsync($"/api/workflow-instances/{instanceId}");
            Assert.True(instance["output"]?["done"]?.GetValue<bool>(), $"Instance {instanceId} output: {instance["output"]?.ToJsonString()}");
            var journal = await daveB.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
            var entries = journal["items"]!.AsArray().Select(entry => entry!.AsObject()).ToList();
            Assert.True(1 == entries.Count(entry => entry["eventName"]?.GetValue<string>() == "WorkflowFinished"), $"Instance {instanceId} finished more than once: {journal.ToJsonString()}");
            Assert.True(1 == entries.Count(entry => entry.ToJsonString().Contains("slow-script-finished", StringComparison.Ordinal)), $"Instance {instanceId} ran its last step more than once: {journal.ToJsonString()}");
        }

        // Node B releases each lease just after its commit.
        await Eventually.WaitAsync(
            () => _database.CountAsync("""SELECT count(*) FROM "WorkflowInstanceLeases" WHERE "OwnerId" = 'node-b'"""),
            leased => leased == 0,
            "node B to release its leases");
    }

    private async Task<ServerProcess> StartNodeAsync(string nodeId) =>
        await ServerProcess.StartAsync(Path.Combine(_folder, "unused.db"), new Dictionary<string, string>
        {
            ["Persistence__Provider"] = "PostgreSql",
            ["ConnectionStrings__ModelEngine"] = _database.ConnectionString,
            ["Scheduling__Enabled"] = "false",
            ["Execution__NodeId"] = nodeId,
            ["Execution__LeaseDuration"] = "00:00:03",
            ["Execution__RecoveryInterval"] = "00:00:01",

            // Jint counts what a busy loop that reads the clock allocates against its memory limit, and the long step
            // outlasts the 10 s default timeout of one evaluation.
            ["Scripting__JavaScript__MemoryLimitMegabytes"] = "4096",
            ["Scripting__JavaScript__TimeoutSeconds"] = "60",
        });
}
