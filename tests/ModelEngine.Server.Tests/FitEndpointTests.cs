using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class FitEndpointTests : IClassFixture<ServerFactory>
{
    private const string Summarize = "samples.text.summarize";

    private readonly ServerFactory _factory;

    public FitEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    /// <summary>Loads a local fitable and announces a worker with another, once per server.</summary>
    private void Seed()
    {
        var registry = _factory.Services.GetRequiredService<IFitRegistry>();
        if (registry.GetFitables(Summarize).Count > 0)
        {
            return;
        }

        var contract = new GenericableDescriptor
        {
            Id = Summarize,
            Parameters = [new FitParameter("text", FitValueType.String), new FitParameter("language", FitValueType.String)],
            ResultType = FitValueType.String,
        };
        registry.AddLocal(new LocalFitable(
            contract,
            new FitableDescriptor { GenericableId = Summarize, Id = "summarize-en", IsDefault = true, Aliases = ["english"] },
            (arguments, _) => ValueTask.FromResult<object?>(arguments[0]),
            "code"));
        registry.UpsertWorker(new FitWorkerInfo
        {
            WorkerId = "worker-1",
            NodeId = "node-a",
            Queue = "fit-worker-1",
            Language = "python",
            Fitables = [new FitableDescriptor { GenericableId = Summarize, Id = "summarize-zh", Tags = ["zh"] }],
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        });
    }

    [Fact]
    public async Task Descriptors_ListInvokeOperator()
    {
        var carol = await _factory.CreateClientForAsync("carol");

        var descriptors = await carol.GetObjectAsync("/api/descriptors/activities");

        var invoke = descriptors["items"]!.AsArray().FirstOrDefault(item => item?["typeName"]?.GetValue<string>() == "ModelEngine.InvokeOperator");
        Assert.True(invoke is not null, "ModelEngine.InvokeOperator is not among the descriptors.");
        Assert.Equal("Operators", invoke!["category"]!.GetValue<string>());
        var genericableId = invoke["inputs"]!.AsArray().Single(input => input?["name"]?.GetValue<string>() == "genericableId")!;
        Assert.True(genericableId["isRequired"]!.GetValue<bool>());
        Assert.Contains(invoke["inputs"]!.AsArray(), input => input?["name"]?.GetValue<string>() == "arguments");
        Assert.Contains(invoke["outputs"]!.AsArray(), output => output?["name"]?.GetValue<string>() == "result");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("dave")]
    public async Task Fitables_AdminOrDesigner_ListsCatalog(string username)
    {
        Seed();
        var client = await _factory.CreateClientForAsync(username);

        var catalog = await client.GetObjectAsync("/api/fit/fitables");

        var item = catalog["items"]!.AsArray().Single(entry => entry?["id"]?.GetValue<string>() == Summarize)!;
        Assert.Equal(catalog["items"]!.AsArray().Count, catalog["totalCount"]!.GetValue<int>());
        Assert.Equal(["text", "language"], item["parameters"]!.AsArray().Select(parameter => parameter!["name"]!.GetValue<string>()));
        var fitables = item["fitables"]!.AsArray();
        var english = fitables.Single(fitable => fitable?["id"]?.GetValue<string>() == "summarize-en")!;
        Assert.True(english["isLocal"]!.GetValue<bool>());
        Assert.True(english["isDefault"]!.GetValue<bool>());
        Assert.Equal("code", english["owner"]!.GetValue<string>());
        var chinese = fitables.Single(fitable => fitable?["id"]?.GetValue<string>() == "summarize-zh")!;
        Assert.False(chinese["isLocal"]!.GetValue<bool>());
        Assert.Equal("worker-1", Assert.Single(chinese["workerIds"]!.AsArray())!.GetValue<string>());
        var worker = Assert.Single(catalog["workers"]!.AsArray())!;
        Assert.Equal("python", worker["language"]!.GetValue<string>());
        Assert.Equal("summarize-zh", worker["fitables"]![0]!["fitableId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fitables_OtherGroup_Returns403()
    {
        var carol = await _factory.CreateClientForAsync("carol");

        var response = await carol.GetAsync("/api/fit/fitables").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("operator catalog", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fitables_WithoutToken_Returns401()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/fit/fitables").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
