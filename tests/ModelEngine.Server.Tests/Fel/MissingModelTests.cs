using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>A server without the model a definition names: the instance faults with an incident that names the key to set.</summary>
public sealed class MissingModelTests : IDisposable
{
    private readonly FelServer _server = FelServer.WithoutModels();

    [Fact]
    public async Task Sample_WithoutModel_IncidentNamesKey()
    {
        var dave = await _server.Factory.CreateClientForAsync("dave");
        var alice = await _server.Factory.CreateClientForAsync("alice");
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("ai-draft-review.json"), HttpStatusCode.Created);

        var instanceId = await Instances.DispatchAsync(alice, "ai-draft-review", new { customerEmail = "Where is my parcel?", customerName = "Ada" });
        var faulted = await Instances.WaitForSubStatusAsync(alice, instanceId, "Faulted");

        var incident = Assert.Single(faulted["incidents"]!.AsArray())!;
        Assert.Equal("draftReply", incident["activityId"]!.GetValue<string>());
        Assert.Contains($"Fel:Models:{FelServer.ModelName}", incident["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_server.Client.Requests);
    }

    public void Dispose() => _server.Dispose();
}
