using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Bus.Tests.Workers;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.Messaging;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Operators;

/// <summary>
/// The sample operator plugin, first loaded in the server and then moved to a ModelEngine.Worker process by
/// configuration alone, gives the same results to the same workflow (samples/operator-summarize.json).
/// </summary>
public sealed class OperatorPlacementTests
{
    private const string Summarize = "samples.text.summarize";
    private const string DefinitionId = "operator-summarize";

    /// <summary>The inputs of the workflow, and the summary the sample's fitable for that language gives.</summary>
    private static readonly (string Language, string Fitable, string Text, string Summary)[] s_cases =
    [
        ("en", "summarize-en",
            "Operators start inside one server. They move to their own workers when load demands it. The results stay the same.",
            "Operators start inside one server."),
        ("zh", "summarize-zh",
            "算子先在一个服务器里运行。负载增长时，它们迁移到独立的工作进程。结果保持不变。",
            "算子先在一个服务器里运行。"),
    ];

    private readonly ITestOutputHelper _output;

    public OperatorPlacementTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [RabbitMqFact]
    public async Task SamplePlugin_MovedFromServerToWorker_GivesSameResults()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var scratch = Directory.CreateTempSubdirectory("modelengine-operator-placement-");
        var plugins = Path.Combine(scratch.FullName, "plugins");
        DirectoryCopy.Copy(Path.Combine(AppContext.BaseDirectory, "operator-plugins", "text-operators"), Path.Combine(plugins, "text-operators"));
        var noPlugins = Directory.CreateDirectory(Path.Combine(scratch.FullName, "no-plugins")).FullName;

        // What both servers share: one node, with its shared memory and plugin work folders in this test's own places.
        var node = new Dictionary<string, string>
        {
            ["Fit:NodeId"] = "placement-node-" + suffix,
            ["Fit:SharedMemoryPath"] = Path.Combine("/dev/shm", "modelengine-fit-placement-" + suffix),
            ["Fit:Plugins:WorkDirectory"] = Path.Combine(scratch.FullName, "work-server"),
        };
        var busTimings = new Dictionary<string, string>
        {
            ["Fit:Bus:HeartbeatPeriod"] = "00:00:01",
            ["Fit:Bus:AliveTime"] = "00:00:05",
            ["Fit:Bus:SweepInterval"] = "00:00:00.500",
        };
        try
        {
            // Phase 1: the plugin loads in the server, and the FIT bus is off.
            var inServer = new Dictionary<string, string>(node)
            {
                ["Fit:Plugins:Directory"] = plugins,
                ["Fit:Bus:Enabled"] = "false",
            };
            var local = await RunPhaseAsync(inServer, catalog => s_cases.All(c => IsLocalOnly(catalog, c.Fitable)), "the sample plugin's fitables loaded in the server");
            Assert.Equal(s_cases.Select(c => c.Summary), local.Summaries);
            foreach (var (_, fitable, _, _) in s_cases)
            {
                Assert.True(FitCatalog.IsLocal(local.Catalog, Summarize, fitable), $"{fitable} is not loaded in the server.");
                Assert.Equal("samples.text-operators", FitCatalog.FindFitable(local.Catalog, Summarize, fitable)!["owner"]!.GetValue<string>());
            }

            Assert.Empty(local.Catalog["workers"]!.AsArray());

            // Phase 2: the same plugin folder goes to a worker. The server loads no plugins and joins the FIT bus.
            var workerId = "placement-worker-" + suffix;
            await using var worker = WorkerProcess.Start(workerId, new Dictionary<string, string>(busTimings)
            {
                ["Fit:NodeId"] = node["Fit:NodeId"],
                ["Fit:SharedMemoryPath"] = node["Fit:SharedMemoryPath"],
                ["Fit:Bus:RabbitMq"] = uri,
                ["Fit:Plugins:Directory"] = plugins,
                ["Fit:Plugins:WorkDirectory"] = Path.Combine(scratch.FullName, "work-worker"),
            });
            var onWorker = new Dictionary<string, string>(node)
            {
                ["Fit:Plugins:Directory"] = noPlugins,
                ["Fit:Bus:Enabled"] = "true",
                ["Fit:Bus:RabbitMq"] = uri,
                ["Fit:WorkerId"] = "placement-server-" + suffix,
            };
            foreach (var (key, value) in busTimings)
            {
                onWorker[key] = value;
            }

            Phase remote;
            try
            {
                remote = await RunPhaseAsync(
                    onWorker,
                    catalog => s_cases.All(c => IsOnWorkerOnly(catalog, c.Fitable, workerId)),
                    $"worker '{workerId}' to serve the sample plugin's fitables",
                    () => Assert.False(worker.HasExited, $"Worker '{workerId}' exited. Its output:{Environment.NewLine}{worker.Output}"));
            }
            catch (Exception)
            {
                _output.WriteLine("Worker output:" + Environment.NewLine + worker.Output);
                throw;
            }

            Assert.Equal(local.Summaries, remote.Summaries);
            foreach (var (_, fitable, _, _) in s_cases)
            {
                Assert.False(FitCatalog.IsLocal(remote.Catalog, Summarize, fitable), $"{fitable} is loaded in the server, which has no plugins.");
                Assert.Contains(workerId, FitCatalog.WorkersOf(remote.Catalog, Summarize, fitable));
            }

            var announced = remote.Catalog["workers"]!.AsArray().OfType<JsonObject>().Single(w => w["workerId"]!.GetValue<string>() == workerId);
            Assert.Equal(node["Fit:NodeId"], announced["nodeId"]!.GetValue<string>());
            Assert.Equal("dotnet", announced["language"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(scratch.FullName, recursive: true);
            if (Directory.Exists(node["Fit:SharedMemoryPath"]))
            {
                Directory.Delete(node["Fit:SharedMemoryPath"], recursive: true);
            }
        }
    }

    /// <summary>
    /// Starts a server with <paramref name="settings"/>, waits until its catalog satisfies <paramref name="ready"/>,
    /// imports the sample workflow, and runs it once per case. Returns the summaries in case order and the catalog.
    /// </summary>
    private static async Task<Phase> RunPhaseAsync(
        IReadOnlyDictionary<string, string> settings, Func<JsonObject, bool> ready, string description, Action? checkAlive = null)
    {
        using var factory = new ServerFactory();
        foreach (var (key, value) in settings)
        {
            factory.WithSetting(key, value);
        }

        var dave = await factory.CreateClientForAsync("dave");
        var alice = await factory.CreateClientForAsync("alice");
        var catalog = await FitCatalog.WaitAsync(dave, ready, description, checkAlive);

        var imported = await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("operator-summarize.json"), HttpStatusCode.Created);
        Assert.True(imported["isPublished"]?.GetValue<bool>() == true, $"The imported sample is not published: {imported.ToJsonString()}");
        var summaries = new List<string>();
        foreach (var (language, _, text, _) in s_cases)
        {
            var output = await OperatorWorkflows.RunAsync(alice, DefinitionId, new { text, language });
            summaries.Add(output["summary"]!.GetValue<string>());
        }

        return new Phase(summaries, catalog);
    }

    private static bool IsLocalOnly(JsonObject catalog, string fitableId) =>
        FitCatalog.IsLocal(catalog, Summarize, fitableId) && FitCatalog.WorkersOf(catalog, Summarize, fitableId).Count == 0;

    private static bool IsOnWorkerOnly(JsonObject catalog, string fitableId, string workerId) =>
        FitCatalog.FindFitable(catalog, Summarize, fitableId) is not null
        && !FitCatalog.IsLocal(catalog, Summarize, fitableId)
        && FitCatalog.WorkersOf(catalog, Summarize, fitableId).Contains(workerId);

    private sealed record Phase(IReadOnlyList<string> Summaries, JsonObject Catalog);
}
