using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Studio;

/// <summary>
/// The dashboard's numbers on a fake clock. Instances run on three days: day 1 one approval finishes, day 2 two runs
/// fault, and today one approval waits for a manager with an overdue task.
/// </summary>
public sealed class DashboardEndpointTests : IDisposable
{
    // Tokens are checked against the real clock too, so the fake days end today and tokens live ten days.
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Today.AddDays(-2).AddHours(9));
    private readonly ServerFactory _server;
    private readonly WebApplicationFactory<Program> _factory;

    public DashboardEndpointTests()
    {
        _server = new ServerFactory().WithSetting("Identity:TokenLifetime", "10.00:00:00");
        _factory = _server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        }));
    }

    [Fact]
    public async Task Dashboard_CountsEverythingForAdmins()
    {
        var scenario = await RunScenarioAsync();

        var dashboard = await scenario.Admin.GetObjectAsync("/api/dashboard?days=3");

        Assert.Equal(
            ["Finished/Faulted=2", "Finished/Finished=1", "Running/Suspended=1"],
            StatusCounts(dashboard));
        Assert.Equal(
            [$"{Day(-2)}:1/1/0", $"{Day(-1)}:2/0/2", $"{Day(0)}:1/0/0"],
            Throughput(dashboard));
        var faulting = Assert.Single(dashboard["faultingActivities"]!.AsArray())!;
        Assert.Equal("dash-fault", faulting["definitionId"]?.GetValue<string>());
        Assert.Equal("busy", faulting["activityId"]?.GetValue<string>());
        Assert.Equal("ModelEngine.SetOutput", faulting["activityType"]?.GetValue<string>());
        Assert.Equal(2, faulting["count"]?.GetValue<long>());
        Assert.Equal(1, dashboard["overdueTasks"]!["count"]!.GetValue<long>());
        Assert.Equal(scenario.TaskId, Assert.Single(dashboard["overdueTasks"]!["items"]!.AsArray())?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_ScopesInitiatorToOwnInstances()
    {
        var scenario = await RunScenarioAsync();

        var dashboard = await scenario.Alice.GetObjectAsync("/api/dashboard?days=3");

        Assert.Equal(
            ["Finished/Faulted=1", "Finished/Finished=1", "Running/Suspended=1"],
            StatusCounts(dashboard));
        Assert.Equal(
            [$"{Day(-2)}:1/1/0", $"{Day(-1)}:1/0/1", $"{Day(0)}:1/0/0"],
            Throughput(dashboard));
        Assert.Equal(1, Assert.Single(dashboard["faultingActivities"]!.AsArray())?["count"]?.GetValue<long>());

        // Alice started the waiting instance but is no candidate of its task, so the task is not hers to see.
        Assert.Equal(0, dashboard["overdueTasks"]!["count"]!.GetValue<long>());
        Assert.Empty(dashboard["overdueTasks"]!["items"]!.AsArray());
    }

    [Fact]
    public async Task Dashboard_ScopesCandidateToTaskInstances()
    {
        var scenario = await RunScenarioAsync();

        var dashboard = await scenario.Bob.GetObjectAsync("/api/dashboard?days=3");

        Assert.Equal(["Running/Suspended=1"], StatusCounts(dashboard));
        Assert.Equal([$"{Day(-2)}:0/0/0", $"{Day(-1)}:0/0/0", $"{Day(0)}:1/0/0"], Throughput(dashboard));
        Assert.Empty(dashboard["faultingActivities"]!.AsArray());
        Assert.Equal(1, dashboard["overdueTasks"]!["count"]!.GetValue<long>());
        Assert.Equal(scenario.TaskId, Assert.Single(dashboard["overdueTasks"]!["items"]!.AsArray())?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_ShowsNothingToOutsiders()
    {
        var scenario = await RunScenarioAsync();

        var dashboard = await scenario.Carol.GetObjectAsync("/api/dashboard?days=3");

        Assert.Empty(dashboard["instancesByStatus"]!.AsArray());
        Assert.Equal([$"{Day(-2)}:0/0/0", $"{Day(-1)}:0/0/0", $"{Day(0)}:0/0/0"], Throughput(dashboard));
        Assert.Empty(dashboard["faultingActivities"]!.AsArray());
        Assert.Equal(0, dashboard["overdueTasks"]!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Dashboard_PeriodLimitsThroughputAndFaults()
    {
        var scenario = await RunScenarioAsync();

        var today = await scenario.Admin.GetObjectAsync("/api/dashboard?days=1");
        var fortnight = await scenario.Admin.GetObjectAsync("/api/dashboard");

        Assert.Equal([$"{Day(0)}:1/0/0"], Throughput(today));
        Assert.Empty(today["faultingActivities"]!.AsArray());
        Assert.Equal(3, StatusCounts(today).Count);
        var days = Throughput(fortnight);
        Assert.Equal(14, days.Count);
        Assert.Equal($"{Day(-13)}:0/0/0", days[0]);
        Assert.Equal($"{Day(0)}:1/0/0", days[^1]);
    }

    [Fact]
    public async Task Dashboard_RetriedFault_CountsInstanceOnce()
    {
        var scenario = await RunScenarioAsync();
        var instances = await scenario.Admin.GetObjectAsync("/api/workflow-instances?definitionId=dash-fault&pageSize=10");
        var instanceId = instances["items"]!.AsArray()
            .Select(item => item!["id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)
            .First();

        // Today, the instance is retried twice, and the script fails both times.
        await RetryToFaultAsync(scenario.Admin, instanceId);
        await RetryToFaultAsync(scenario.Admin, instanceId);
        var dashboard = await scenario.Admin.GetObjectAsync("/api/dashboard?days=3");

        Assert.Equal([$"{Day(-2)}:1/1/0", $"{Day(-1)}:2/0/2", $"{Day(0)}:1/0/1"], Throughput(dashboard));
        Assert.Equal(4, Assert.Single(dashboard["faultingActivities"]!.AsArray())?["count"]?.GetValue<long>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("-3")]
    [InlineData("week")]
    public async Task Dashboard_BadDays_Returns400(string days)
    {
        var admin = await CreateClientForAsync("admin");

        var problem = await admin.GetObjectAsync($"/api/dashboard?days={days}", HttpStatusCode.BadRequest);

        Assert.Equal("days", problem["parameter"]?.GetValue<string>());
        Assert.Equal(days, problem["value"]?.GetValue<string>());
        Assert.Contains("90", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _server.Dispose();
    }

    private static string Day(int offset) => DateOnly.FromDateTime(Today.AddDays(offset).UtcDateTime).ToString("yyyy-MM-dd");

    private static List<string> StatusCounts(JsonObject dashboard) =>
        dashboard["instancesByStatus"]!.AsArray()
            .Select(row => $"{row!["status"]}/{row["subStatus"]}={row["count"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> Throughput(JsonObject dashboard) =>
        dashboard["throughput"]!.AsArray()
            .Select(row => $"{row!["date"]}:{row["started"]}/{row["finished"]}/{row["faulted"]}")
            .ToList();

    /// <summary>Runs the instances of the three days and returns the clients and the overdue task's id.</summary>
    private async Task<Scenario> RunScenarioAsync()
    {
        var scenario = new Scenario(
            await CreateClientForAsync("admin"),
            await CreateClientForAsync("dave"),
            await CreateClientForAsync("alice"),
            await CreateClientForAsync("bob"),
            await CreateClientForAsync("carol"));
        await Fixtures.PublishAsync(scenario.Dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "dash-approval"));
        var faulting = Fixtures.LoadAs(Fixtures.SlowScript, "dash-fault");
        faulting["root"]!["activities"]![1]!["outputValue"]!["expression"]!["value"] = "(function () { throw new Error('always fails'); })()";
        await Fixtures.PublishAsync(scenario.Dave, faulting);

        var finished = await ExecuteAsync(scenario.Alice, "dash-approval", new { amount = 500, item = "Pen" });
        Assert.Equal("Finished", finished["subStatus"]?.GetValue<string>());

        _clock.SetUtcNow(Today.AddDays(-1).AddHours(9));
        Assert.Equal("Faulted", (await ExecuteAsync(scenario.Alice, "dash-fault", new { }))["subStatus"]?.GetValue<string>());
        Assert.Equal("Faulted", (await ExecuteAsync(scenario.Dave, "dash-fault", new { }))["subStatus"]?.GetValue<string>());

        _clock.SetUtcNow(Today.AddHours(9));
        var waiting = await ExecuteAsync(scenario.Alice, "dash-approval", new { amount = 5000, item = "Laptop" });
        Assert.Equal("Suspended", waiting["subStatus"]?.GetValue<string>());
        var task = await Instances.WaitForTaskAsync(scenario.Bob, waiting["id"]!.GetValue<string>());
        var taskId = task["id"]!.GetValue<string>();
        var dueDate = await scenario.Admin.PutAsJsonAsync($"/api/tasks/{taskId}/due-date", new { dueAt = Today.AddHours(8) }).WaitAsync(Timeouts.Request);
        Assert.True(dueDate.IsSuccessStatusCode, $"Setting the due date failed with {(int)dueDate.StatusCode}: {await dueDate.Content.ReadAsStringAsync()}");
        return scenario with { TaskId = taskId };
    }

    private static async Task RetryToFaultAsync(HttpClient client, string instanceId)
    {
        var retry = await client.PostAsync($"/api/workflow-instances/{instanceId}/retry", null).WaitAsync(Timeouts.Request);
        Assert.True(retry.IsSuccessStatusCode, $"The retry failed with {(int)retry.StatusCode}: {await retry.Content.ReadAsStringAsync()}");
        await Instances.WaitForSubStatusAsync(client, instanceId, "Faulted");
    }

    private static Task<JsonObject> ExecuteAsync(HttpClient client, string definitionId, object input) =>
        client.PostObjectAsync($"/api/workflow-definitions/{definitionId}/execute", new { input });

    private async Task<HttpClient> CreateClientForAsync(string username)
    {
        var client = _factory.CreateClient();
        var login = await client.PostObjectAsync("/api/identity/login", new { username, password = "modelengine" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        return client;
    }

    private sealed record Scenario(HttpClient Admin, HttpClient Dave, HttpClient Alice, HttpClient Bob, HttpClient Carol)
    {
        public string TaskId { get; init; } = "";
    }
}
