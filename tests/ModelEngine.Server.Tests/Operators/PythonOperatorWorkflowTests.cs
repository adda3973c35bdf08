using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Python.Tests.Infrastructure;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Operators;

/// <summary>
/// A workflow calls an operator written in another language: its InvokeOperator activity reaches the Python worker in
/// samples/python-operator through the server's FIT bus.
/// </summary>
public sealed class PythonOperatorWorkflowTests
{
    private const string Reverse = "samples.text.reverse";
    private const string ReverseFitable = "reverse-py";

    private readonly ITestOutputHelper _output;

    public PythonOperatorWorkflowTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [PythonWorkerFact]
    public async Task Workflow_InvokesPythonOperator_OutputsItsResult()
    {
        TestEnvironment.RequirePython();
        var uri = TestEnvironment.RequireRabbitMqUri();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var workerId = "py-workflow-" + suffix;
        var sharedMemory = Path.Combine("/dev/shm", "modelengine-fit-python-workflow-" + suffix);
        var noPlugins = Directory.CreateTempSubdirectory("modelengine-python-workflow-");
        await using var worker = PythonWorkerProcess.Start(uri, workerId, "python-node-" + suffix);
        try
        {
            using var factory = new ServerFactory()
                .WithSetting("Fit:NodeId", "server-node-" + suffix)
                .WithSetting("Fit:WorkerId", "py-workflow-server-" + suffix)
                .WithSetting("Fit:SharedMemoryPath", sharedMemory)
                .WithSetting("Fit:Plugins:Directory", noPlugins.FullName)
                .WithSetting("Fit:Bus:Enabled", "true")
                .WithSetting("Fit:Bus:RabbitMq", uri)
                .WithSetting("Fit:Bus:SweepInterval", "00:00:00.500");
            var dave = await factory.CreateClientForAsync("dave");
            var alice = await factory.CreateClientForAsync("alice");
            await worker.WaitUntilReadyAsync(Timeouts.ProcessStart);
            var catalog = await FitCatalog.WaitAsync(
                dave,
                catalog => FitCatalog.WorkersOf(catalog, Reverse, ReverseFitable).Contains(workerId),
                $"the Python worker '{workerId}' in the operator catalog",
                () => Assert.False(worker.HasExited, $"The Python worker exited. Its output:{Environment.NewLine}{worker.Output}"));
            Assert.False(FitCatalog.IsLocal(catalog, Reverse, ReverseFitable));
            var announced = catalog["workers"]!.AsArray().OfType<JsonObject>().Single(w => w["workerId"]!.GetValue<string>() == workerId);
            Assert.Equal("python", announced["language"]!.GetValue<string>());

            var imported = await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("operator-reverse.json"), HttpStatusCode.Created);
            Assert.True(imported["isPublished"]?.GetValue<bool>() == true, $"The imported definition is not published: {imported.ToJsonString()}");
            var output = await OperatorWorkflows.RunAsync(alice, "operator-reverse", new { text = "Grüße, 工作流 FIT" });

            Assert.Equal("TIF 流作工 ,eßürG", output["reversed"]!.GetValue<string>());
        }
        catch (Exception)
        {
            _output.WriteLine("Python worker output:" + Environment.NewLine + worker.Output);
            throw;
        }
        finally
        {
            noPlugins.Delete(recursive: true);
            if (Directory.Exists(sharedMemory))
            {
                Directory.Delete(sharedMemory, recursive: true);
            }
        }
    }
}
