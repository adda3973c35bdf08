using ModelEngine.Fit.Client;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class MulticastTests
{
    private static readonly Contracts.GenericableDescriptor Score = Contract("score", "claim");

    private static readonly FitCallOptions Joined = new() { Accumulator = results => string.Join("+", results.Cast<string>().Order(StringComparer.Ordinal)) };

    [Fact]
    public async Task Multicast_CallsEveryFitableAndAccumulates()
    {
        var client = NewClient(NewRegistry(Named(Score, "a"), Named(Score, "b"), Named(Score, "c", isDefault: true)));

        Assert.Equal("a+b+c", await Within(client.InvokeAsync("score", ["x"], Joined)));
    }

    [Fact]
    public async Task Multicast_LeavesFailedFitablesOut()
    {
        var client = NewClient(NewRegistry(Named(Score, "a"), Failing(Score, "b"), Named(Score, "c")));

        Assert.Equal("a+c", await Within(client.InvokeAsync("score", ["x"], Joined)));
    }

    [Fact]
    public async Task Multicast_AllFail_FailsNamingEachFitable()
    {
        var client = NewClient(NewRegistry(Failing(Score, "a"), Failing(Score, "b")));

        var error = await FailsAsync(client.InvokeAsync("score", ["x"], Joined));

        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.Contains("All 2 fitables", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multicast_WithAlias_CallsOnlyThoseFitables()
    {
        var client = NewClient(NewRegistry(Named(Score, "a", aliases: ["x"]), Named(Score, "b"), Named(Score, "c", aliases: ["x"])));

        Assert.Equal("a+c", await Within(client.InvokeAsync("score", ["x"], Joined with { Alias = "x" })));
    }

    [Fact]
    public async Task Multicast_FailedFitableDegrades()
    {
        var client = NewClient(NewRegistry(Named(Score, "a"), Failing(Score, "b", degradesTo: "z"), Named(Score, "z", aliases: ["hidden"])));

        Assert.Equal("a+z+z", await Within(client.InvokeAsync("score", ["x"], Joined)));
    }
}
