using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Client;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>The operator-summarize sample, run by the server with a stand-in FIT client.</summary>
public sealed class OperatorSampleTests
{
    /// <summary>Summarizes by prefixing the fitable id, so a test can check which fitable the definition chose.</summary>
    private sealed class StandInClient : IFitClient
    {
        public ConcurrentQueue<(string GenericableId, object?[] Arguments, string? FitableId)> Calls { get; } = new();

        public T Get<T>(FitCallOptions? options = null)
            where T : class =>
            throw new NotSupportedException("The stand-in client serves generic invocations only.");

        public ValueTask<object?> InvokeAsync(string genericableId, IReadOnlyList<object?> arguments, FitCallOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue((genericableId, arguments.ToArray(), options?.FitableId));
            return ValueTask.FromResult<object?>($"{options?.FitableId}: {arguments[0]}");
        }
    }

    [Fact]
    public async Task Sample_CallsOperator_StoresSummary()
    {
        var client = new StandInClient();
        using var factory = new ServerFactory().WithServices(services => services.AddSingleton<IFitClient>(client));
        var dave = await factory.CreateClientForAsync("dave");
        var alice = await factory.CreateClientForAsync("alice");
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("operator-summarize.json"), HttpStatusCode.Created);

        var instanceId = await Instances.DispatchAsync(alice, "operator-summarize", new { text = "长文本", language = "zh" });
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        Assert.Equal("summarize-zh: 长文本", finished["output"]!["summary"]!.GetValue<string>());
        var call = Assert.Single(client.Calls);
        Assert.Equal("samples.text.summarize", call.GenericableId);
        Assert.Equal(["长文本", "zh"], call.Arguments);
    }

    [Fact]
    public async Task Sample_WithoutOperator_FaultsWithIncident()
    {
        using var factory = new ServerFactory();
        var dave = await factory.CreateClientForAsync("dave");
        var alice = await factory.CreateClientForAsync("alice");
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("operator-summarize.json"), HttpStatusCode.Created);

        var instanceId = await Instances.DispatchAsync(alice, "operator-summarize", new { text = "text", language = "en" });
        var faulted = await Instances.WaitForSubStatusAsync(alice, instanceId, "Faulted");

        var incident = Assert.Single(faulted["incidents"]!.AsArray())!;
        Assert.Equal("summarize", incident["activityId"]!.GetValue<string>());
        var message = incident["message"]!.GetValue<string>();
        Assert.Contains("FitableNotFound", message, StringComparison.Ordinal);
        Assert.Contains("samples.text.summarize", message, StringComparison.Ordinal);
    }
}
