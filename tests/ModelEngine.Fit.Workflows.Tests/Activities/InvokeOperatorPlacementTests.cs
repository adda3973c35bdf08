using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Workflows.Activities;
using ModelEngine.Fit.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fit.Workflows.Tests.Activities;

/// <summary>
/// A workflow passes the same arguments to an operator whether it runs here (the contract is known and the activity
/// converts) or on a worker (the caller sends JSON and the worker's codec converts).
/// </summary>
public sealed class InvokeOperatorPlacementTests : IDisposable
{
    private const string Describe = "samples.text.describe";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "me-fit-placement-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static GenericableDescriptor DescribeContract() => new()
    {
        Id = Describe,
        Parameters = [new FitParameter("code", FitValueType.String, typeof(string)), new FitParameter("data", FitValueType.String, typeof(string))],
        ResultType = FitValueType.String,
        ResultClrType = typeof(string),
    };

    [Fact]
    public async Task StringParameters_SameOnBothPlacements()
    {
        var inProcess = await RunAsync(contractKnown: true);
        var onWorker = await RunAsync(contractKnown: false);

        Assert.Equal(["12345", "{\"a\":1}"], inProcess);
        Assert.Equal(inProcess, onWorker);
    }

    /// <summary>
    /// Runs a workflow passing [12345, {a: 1}] and returns what the fitable's string parameters receive. Without the
    /// contract here, each argument goes through the codec the way a remote call sends it and a worker decodes it.
    /// </summary>
    private async Task<object?[]> RunAsync(bool contractKnown)
    {
        using var engine = new OperatorEngine();
        var nodeOptions = Options.Create(new FitNodeOptions { NodeId = "node-a", SharedMemoryPath = _directory });
        using var store = new SharedMemoryStore(nodeOptions);
        var codec = new FitValueCodec(store, nodeOptions);
        var contract = DescribeContract();
        if (contractKnown)
        {
            engine.Registry.AddGenericable(contract);
        }

        object?[]? received = null;
        engine.Client.Handler = async (call, token) =>
        {
            var values = new object?[call.Arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var argument = call.Arguments[i];
                var scope = new List<IDisposable>();
                var encoded = codec.Encode(argument, argument?.GetType() ?? typeof(object), scope);
                values[i] = contractKnown ? argument : await codec.DecodeAsync(encoded, contract.Parameters[i].ClrType!, scope, token);
                scope.ForEach(item => item.Dispose());
            }

            received = values;
            return "done";
        };
        var call = Activity("call", InvokeOperator.TypeName, ("genericableId", Literal(Describe, "String")), ("arguments", Expr("JavaScript", "[12345, { a: 1 }]")));
        var id = await engine.PublishAsync(Array(call), []);

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, string.Join("; ", instance.Incidents.Select(incident => incident.Message)));
        return received!;
    }
}
