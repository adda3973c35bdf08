using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Scheduling.CronTriggers;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Cron triggers on the real Hangfire server with SQLite storage. Occurrences are driven through Hangfire's own
/// trigger API, so that no test waits for a real schedule.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class CronTriggerTests : IClassFixture<HangfireTimerTests.HangfireServerFactory>
{
    private readonly ServerFactory _factory;

    public CronTriggerTests(HangfireTimerTests.HangfireServerFactory factory)
    {
        _factory = factory.Server;
    }

    private static JsonObject CronModel(string definitionId, string expression, string? timeZone) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Cron " + definitionId,
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "flow",
            ["activities"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "every-morning",
                    ["type"] = "Elsa.Cron",
                    ["cronExpression"] = Literal(expression),
                    ["timeZone"] = Literal(timeZone),
                },
                new JsonObject
                {
                    ["id"] = "mark", ["type"] = "Elsa.SetOutput",
                    ["outputName"] = Literal("ran"),
                    ["outputValue"] = Literal("yes"),
                },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "every-morning", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "mark", ["port"] = "In" },
                },
            },
        },
    };

    private static JsonObject Literal(string? value) =>
        new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    [Fact]
    public async Task Trigger_StartsInstanceAsSystem_Once()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, CronModel("cron-start", "30 7 * * MON-FRI", "Europe/Berlin"));

        var job = FindRecurringJob("cron-start");
        Assert.NotNull(job);
        Assert.Equal("30 7 * * MON-FRI", job.Cron);
        Assert.Equal("Europe/Berlin", job.TimeZoneId);

        // Two runs for the same occurrence, as a retry or a second node would cause, start one instance.
        var recurringJobs = _factory.Services.GetRequiredService<IRecurringJobManager>();
        recurringJobs.Trigger(CronTriggerRegistry.JobIdOf("cron-start"));
        var first = await WaitForInstancesAsync(dave, "cron-start", count => count >= 1);
        recurringJobs.Trigger(CronTriggerRegistry.JobIdOf("cron-start"));
        await WaitForSucceededRunsAsync("cron-start", 2);

        var instances = await ListInstancesAsync(dave, "cron-start");
        var instance = Assert.Single(instances);
        Assert.Equal("system", instance["initiator"]?.GetValue<string>());
        Assert.Equal(first[0]["id"]?.GetValue<string>(), instance["id"]?.GetValue<string>());
        var finished = await Instances.WaitForSubStatusAsync(dave, instance["id"]!.GetValue<string>(), "Finished");
        Assert.Equal("yes", finished["output"]?["ran"]?.GetValue<string>());
    }

    [Fact]
    public async Task Retract_RemovesTrigger_AndNewVersionReplacesIt()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, CronModel("cron-retract", "0 6 * * *", "UTC"));
        Assert.Equal("0 6 * * *", FindRecurringJob("cron-retract")?.Cron);

        await dave.PostObjectAsync("/api/workflow-definitions", new { model = CronModel("cron-retract", "0 18 * * *", "Asia/Tokyo"), publish = true });
        var replaced = FindRecurringJob("cron-retract");
        Assert.Equal("0 18 * * *", replaced?.Cron);
        Assert.Equal("Asia/Tokyo", replaced?.TimeZoneId);

        await dave.PostObjectAsync("/api/workflow-definitions/cron-retract/retract", null);

        Assert.Null(FindRecurringJob("cron-retract"));
    }

    [Fact]
    public async Task Startup_Sync_RestoresAndRemovesJobs()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, CronModel("cron-sync", "15 3 * * *", null));
        var recurringJobs = _factory.Services.GetRequiredService<IRecurringJobManager>();
        recurringJobs.RemoveIfExists(CronTriggerRegistry.JobIdOf("cron-sync"));
        recurringJobs.AddOrUpdate<CronTriggerJob>(CronTriggerRegistry.JobIdOf("cron-deleted-long-ago"), job => job.RunAsync("cron-deleted-long-ago", "x", null, CancellationToken.None), "0 0 * * *");

        var sync = _factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CronTriggerStartupService>().Single();
        await sync.StartAsync(CancellationToken.None).WaitAsync(Timeouts.Request);
        await sync.StartAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.Equal("15 3 * * *", FindRecurringJob("cron-sync")?.Cron);
        Assert.Equal("UTC", FindRecurringJob("cron-sync")?.TimeZoneId);
        Assert.Null(FindRecurringJob("cron-deleted-long-ago"));
    }

    [Theory]
    [InlineData("*/10 * * * * *")]
    [InlineData("@daily")]
    public async Task Publish_SecondsOrMacro_Registers(string expression)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var definitionId = "cron-format-" + (expression.StartsWith('@') ? "macro" : "seconds");

        await Fixtures.PublishAsync(dave, CronModel(definitionId, expression, "UTC"));

        Assert.Equal(expression, FindRecurringJob(definitionId)?.Cron);
    }

    [Theory]
    [InlineData("0 25 * * *", "UTC", "cronExpression", "0 25 * * *")]
    [InlineData("0 9 * * *", "Atlantis/Capital", "timeZone", "Atlantis/Capital")]
    public async Task Publish_InvalidSchedule_IsProblem(string expression, string timeZone, string property, string value)
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var problem = await dave.PostObjectAsync(
            "/api/workflow-definitions", new { model = CronModel("cron-invalid", expression, timeZone), publish = true }, HttpStatusCode.BadRequest);

        var text = problem.ToJsonString();
        Assert.Contains("every-morning", text, StringComparison.Ordinal);
        Assert.Contains(property, text, StringComparison.Ordinal);
        Assert.Contains(value, text, StringComparison.Ordinal);
        Assert.Null(FindRecurringJob("cron-invalid"));
    }

    private RecurringJobDto? FindRecurringJob(string definitionId)
    {
        using var connection = _factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(job => job.Id == CronTriggerRegistry.JobIdOf(definitionId));
    }

    private async Task WaitForSucceededRunsAsync(string definitionId, int count)
    {
        var monitoring = _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.WaitAsync(
            () => Task.FromResult(monitoring.SucceededJobs(0, 1000).Count(job => job.Value.Job?.Args.FirstOrDefault() as string == definitionId)),
            succeeded => succeeded >= count,
            $"{count} succeeded runs of the cron trigger of {definitionId}");
    }

    private static async Task<List<JsonObject>> WaitForInstancesAsync(HttpClient client, string definitionId, Func<int, bool> done)
    {
        return await Eventually.WaitAsync(
            () => ListInstancesAsync(client, definitionId),
            instances => done(instances.Count),
            $"instances of {definitionId}");
    }

    private static async Task<List<JsonObject>> ListInstancesAsync(HttpClient client, string definitionId)
    {
        var page = await client.GetObjectAsync($"/api/workflow-instances?definitionId={definitionId}&pageSize=100");
        return page["items"]!.AsArray().OfType<JsonObject>().ToList();
    }
}
