using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Parallel branches wait on timers of different lengths, two of them due at the same instant, and a WaitAll join
/// continues once all have fired. Each instance finishes within 2 s of its last due time, with Hangfire's schedule
/// polling at 1 s on the SQLite server.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class ParallelDelayTests : IClassFixture<HangfireTimerTests.HangfireServerFactory>
{
    private const string DefinitionId = "parallel-delays";

    /// <summary>How many instances wait at the same time in one batch.</summary>
    private const int BatchSize = 5;

    private static readonly TimeSpan s_tolerance = TimeSpan.FromSeconds(2);

    private readonly ServerFactory _factory;
    private readonly ITestOutputHelper _output;

    public ParallelDelayTests(HangfireTimerTests.HangfireServerFactory factory, ITestOutputHelper output)
    {
        _factory = factory.Server;
        _output = output;
    }

    [Fact]
    public async Task WaitAllJoin_FinishesWithinTwoSeconds()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var runs = StressCounts.ServerRaceRuns;
        _output.WriteLine($"Seed {seed}, {runs} runs in batches of {BatchSize}.");
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, JsonNode.Parse(Model)!.AsObject());

        for (var done = 0; done < runs; done += BatchSize)
        {
            var batch = new List<(string InstanceId, DateTimeOffset LastDueAt, double ShortSeconds)>();
            for (var i = 0; i < Math.Min(BatchSize, runs - done); i++)
            {
                // The short Delay is 1 to 2 s, and both StartAt branches are due at the same instant 0.5 to 2 s later.
                var shortSeconds = 1 + random.NextDouble();
                var at = DateTimeOffset.UtcNow.AddSeconds(shortSeconds + 0.5 + (random.NextDouble() * 1.5));
                var instanceId = await Instances.DispatchAsync(dave, DefinitionId, new { shortDelay = TimeSpan.FromSeconds(shortSeconds).ToString("c"), at = at.ToString("O") });
                batch.Add((instanceId, at, shortSeconds));
            }

            foreach (var (instanceId, lastDueAt, shortSeconds) in batch)
            {
                var finished = await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished");
                var finishedAt = finished["finishedAt"]!.GetValue<DateTimeOffset>();
                var late = finishedAt - lastDueAt;
                _output.WriteLine($"{instanceId}: short delay {shortSeconds:0.00} s, finished {late.TotalSeconds:0.00} s after the last due time");
                Assert.True(late >= TimeSpan.Zero, $"Instance {instanceId} finished {-late.TotalSeconds:0.00} s before its last timer was due (seed {seed}).");
                Assert.True(late <= s_tolerance, $"Instance {instanceId} finished {late.TotalSeconds:0.00} s after its last timer was due, more than {s_tolerance.TotalSeconds} s (seed {seed}).");
                Assert.Equal("joined", finished["output"]?["result"]?.GetValue<string>());
            }
        }
    }

    private const string Model = """
        { "definitionId": "parallel-delays", "name": "Parallel delays", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "fork", "type": "Elsa.FlowFork", "branches": { "typeName": "String", "expression": { "type": "Literal", "value": "short,first,second" } } },
            { "id": "short", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "JavaScript", "value": "getInput('shortDelay')" } } },
            { "id": "first", "type": "Elsa.StartAt", "dateTime": { "typeName": "DateTimeOffset", "expression": { "type": "JavaScript", "value": "getInput('at')" } } },
            { "id": "second", "type": "Elsa.StartAt", "dateTime": { "typeName": "DateTimeOffset", "expression": { "type": "JavaScript", "value": "getInput('at')" } } },
            { "id": "join", "type": "Elsa.FlowJoin", "mode": { "typeName": "String", "expression": { "type": "Literal", "value": "WaitAll" } } },
            { "id": "out", "type": "Elsa.SetOutput",
              "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "result" } },
              "outputValue": { "typeName": "Object", "expression": { "type": "Literal", "value": "joined" } } } ],
          "connections": [
            { "source": { "activity": "fork", "port": "short" }, "target": { "activity": "short", "port": "In" } },
            { "source": { "activity": "fork", "port": "first" }, "target": { "activity": "first", "port": "In" } },
            { "source": { "activity": "fork", "port": "second" }, "target": { "activity": "second", "port": "In" } },
            { "source": { "activity": "short", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
            { "source": { "activity": "first", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
            { "source": { "activity": "second", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
            { "source": { "activity": "join", "port": "Done" }, "target": { "activity": "out", "port": "In" } } ] } }
        """;
}
