using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>FIT dispatch, the value codec and the bus together: a client call that runs on a worker process's fitable.</summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private static readonly GenericableDescriptor s_upper = new()
    {
        Id = "test.upper",
        Parameters = [new FitParameter("text", FitValueType.String, typeof(string))],
        ResultType = FitValueType.String,
        ResultClrType = typeof(string),
    };

    [RabbitMqFact]
    public async Task AClientCall_RunsOnTheWorkersFitable()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var directory = Directory.CreateTempSubdirectory("fitbus-e2e.").FullName;
        try
        {
            await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker,
                settings: Node("worker", directory), configure: (services, configuration) =>
                {
                    services.AddFit(configuration);
                    services.AddFitSharedMemory();
                });
            worker.Registry.AddLocal(new LocalFitable(
                s_upper,
                new FitableDescriptor { GenericableId = s_upper.Id, Id = "upper", IsDefault = true },
                (arguments, _) => ValueTask.FromResult<object?>(((string)arguments[0]!).ToUpperInvariant()),
                "code"));

            await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller,
                settings: Node("caller", directory), configure: (services, configuration) =>
                {
                    services.AddFit(configuration);
                    services.AddFitSharedMemory();
                });
            caller.Registry.AddGenericable(s_upper);
            await FitNode.WaitUntilAsync(() => caller.Registry.GetWorkers(s_upper.Id, "upper").Count == 1, s_wait, "the worker announces the fitable");

            var client = caller.Services.GetRequiredService<IFitClient>();
            var result = await client.InvokeAsync(s_upper.Id, ["hello"]).AsTask().WaitAsync(s_wait);

            Assert.Equal("HELLO", result);
            Assert.Null(caller.Registry.GetLocal(s_upper.Id, "upper"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Gives each node its own node id and segment folder, as two machines would have.</summary>
    private static Dictionary<string, string?> Node(string name, string directory) => new()
    {
        ["Fit:NodeId"] = name + "-node",
        ["Fit:SharedMemoryPath"] = Path.Combine(directory, name),
    };
}
