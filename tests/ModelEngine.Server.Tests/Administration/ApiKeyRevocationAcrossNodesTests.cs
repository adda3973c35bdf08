using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>
/// Two server nodes on one SQLite file: a key revoked on one node stops working on the other once that node's cache
/// entry is older than <c>Identity:ApiKeyCacheDuration</c>.
/// </summary>
public sealed class ApiKeyRevocationAcrossNodesTests : IDisposable
{
    private readonly ServerFactory _nodeA;
    private readonly ServerFactory _nodeB;

    public ApiKeyRevocationAcrossNodesTests()
    {
        _nodeA = new ServerFactory().WithSetting("Identity:ApiKeyCacheDuration", "00:00:01");
        _nodeB = new ServerFactory()
            .WithSetting("Identity:ApiKeyCacheDuration", "00:00:01")
            .WithSetting("ConnectionStrings:ModelEngine", $"Data Source={_nodeA.DatabasePath}");
    }

    [Fact]
    public async Task Revoke_OtherNodeRejectsAfterCache()
    {
        var admin = await _nodeA.CreateClientForAsync("admin");
        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "two-nodes" }, HttpStatusCode.Created);
        var onB = _nodeB.CreateClient();
        onB.DefaultRequestHeaders.Add("X-Api-Key", created["key"]!.GetValue<string>());
        await onB.GetObjectAsync("/api/run-tasks");

        var revoked = await admin.DeleteAsync($"/api/api-keys/{created["id"]}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var started = DateTime.UtcNow;
        await Eventually.WaitAsync(
            async () => (await onB.GetAsync("/api/run-tasks")).StatusCode,
            status => status == HttpStatusCode.Unauthorized,
            "node B to reject the key revoked on node A",
            TimeSpan.FromSeconds(15));
        var elapsed = DateTime.UtcNow - started;
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Node B accepted the revoked key for {elapsed.TotalSeconds:0.0} s, far beyond the 1 s cache duration.");
    }

    public void Dispose()
    {
        _nodeB.Dispose();
        _nodeA.Dispose();
    }
}
