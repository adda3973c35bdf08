using System.Collections.Concurrent;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.Remote;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class BalancingTests
{
    private static readonly Contracts.GenericableDescriptor Embed = Contract("embed", "text");

    private static FitRegistry Workers(params (string Id, string Node)[] workers)
    {
        var registry = new FitRegistry();
        registry.AddGenericable(Embed);
        foreach (var (id, node) in workers)
        {
            registry.UpsertWorker(Worker(id, node, Descriptor("embed", "embed-1")));
        }

        return registry;
    }

    private static FakeTransport Echo() => new((worker, request, _) =>
        Task.FromResult(FakeTransport.Ok(request, new FitValue(FitValueKind.Json, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(worker.WorkerId)))));

    [Fact]
    public async Task RoundRobin_SpreadsCallsEvenly()
    {
        var transport = Echo();
        var client = NewClient(Workers(("w1", "n"), ("w2", "n"), ("w3", "n")), new FitOptions { Balancing = FitBalancing.RoundRobin }, transport);

        for (var i = 0; i < 30; i++)
        {
            await Within(client.InvokeAsync("embed", ["t"]));
        }

        Assert.All(transport.Workers.GroupBy(w => w), g => Assert.Equal(10, g.Count()));
        Assert.Equal(3, transport.Workers.Distinct().Count());
    }

    [Fact]
    public async Task LeastInFlight_SendsToTheIdleWorker()
    {
        var hanging = new ConcurrentDictionary<string, TaskCompletionSource<FitResponse>>();
        var transport = new FakeTransport((worker, request, _) =>
        {
            if (worker.WorkerId == "busy")
            {
                return hanging.GetOrAdd(request.RequestId, _ => new TaskCompletionSource<FitResponse>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            return Task.FromResult(FakeTransport.Ok(request, FitValue.Null));
        });
        var client = NewClient(Workers(("busy", "n"), ("idle", "n")), new FitOptions { Balancing = FitBalancing.LeastInFlight }, transport);

        // Fill "busy" with calls that do not finish; every call while they hang must avoid it.
        var pending = new List<Task<object?>>();
        for (var i = 0; i < 20 && hanging.IsEmpty; i++)
        {
            pending.Add(client.InvokeAsync("embed", ["t"]).AsTask());
        }

        Assert.Single(hanging);
        var before = transport.Calls.Count;
        for (var i = 0; i < 10; i++)
        {
            await Within(client.InvokeAsync("embed", ["t"]));
        }

        Assert.All(transport.Workers.Skip(before), w => Assert.Equal("idle", w));
        foreach (var hold in hanging.Values)
        {
            hold.SetResult(new FitResponse { RequestId = "x", Status = FitResponseStatus.Ok });
        }

        await Task.WhenAll(pending).WaitAsync(Patience);
    }

    [Fact]
    public async Task Locality_PayloadNode_PrefersItsWorker()
    {
        var transport = Echo();
        var client = NewClient(Workers(("w-b", "node-b"), ("w-c1", "node-c"), ("w-c2", "node-c")), transport: transport);

        for (var i = 0; i < 6; i++)
        {
            await Within(client.InvokeAsync("embed", [new FakePayload("node-c")]));
        }

        Assert.All(transport.Workers, w => Assert.StartsWith("w-c", w, StringComparison.Ordinal));
        Assert.Equal(2, transport.Workers.Distinct().Count());
    }

    [Fact]
    public async Task Locality_RemotePayload_BeatsLocalFitable()
    {
        var transport = Echo();
        var registry = Workers(("w-b", "node-b"));
        registry.AddLocal(Named(Embed, "embed-1"));
        var client = NewClient(registry, transport: transport);

        Assert.Equal("embed-1", await Within(client.InvokeAsync("embed", [new FakePayload("node-a")])));
        Assert.Equal("embed-1", await Within(client.InvokeAsync("embed", ["plain text"])));
        Assert.Empty(transport.Calls);

        await Within(client.InvokeAsync("embed", [new FakePayload("node-b")]));
        Assert.Equal(["w-b"], transport.Workers);
    }

    [Fact]
    public async Task Locality_PreferredNodeOption_ChoosesThatNodesWorker()
    {
        var transport = Echo();
        var client = NewClient(Workers(("w-b", "node-b"), ("w-c", "node-c")), transport: transport);

        for (var i = 0; i < 4; i++)
        {
            await Within(client.InvokeAsync("embed", ["t"], new FitCallOptions { PreferredNodeId = "node-c" }));
        }

        Assert.All(transport.Workers, w => Assert.Equal("w-c", w));
    }

    [Fact]
    public async Task Locality_NoPreferredWorker_UsesAny()
    {
        var transport = Echo();
        var client = NewClient(Workers(("w-b", "node-b")), transport: transport);

        await Within(client.InvokeAsync("embed", ["t"], new FitCallOptions { PreferredNodeId = "node-z" }));

        Assert.Equal(["w-b"], transport.Workers);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("bytes")]
    [InlineData("memory")]
    public async Task Locality_LargeArgument_PrefersThisNodesWorker(string kind)
    {
        var transport = Echo();
        var options = new FitOptions { NodeId = "node-a", SharedMemoryThreshold = 16 };
        var client = NewClient(Workers(("w-b1", "node-b"), ("w-a", "node-a"), ("w-b2", "node-b")), options, transport);
        object large = kind switch
        {
            "string" => new string('x', 17),
            "bytes" => new byte[17],
            _ => new ReadOnlyMemory<byte>(new byte[17]),
        };

        for (var i = 0; i < 6; i++)
        {
            await Within(client.InvokeAsync("embed", [large]));
        }

        Assert.All(transport.Workers, w => Assert.Equal("w-a", w));
    }

    [Fact]
    public async Task Locality_SmallArgument_UsesEveryNode()
    {
        var transport = Echo();
        var options = new FitOptions { NodeId = "node-a", SharedMemoryThreshold = 16 };
        var client = NewClient(Workers(("w-b1", "node-b"), ("w-a", "node-a"), ("w-b2", "node-b")), options, transport);

        for (var i = 0; i < 6; i++)
        {
            await Within(client.InvokeAsync("embed", [new string('x', 16)]));
        }

        Assert.Equal(3, transport.Workers.Distinct().Count());
    }
}
