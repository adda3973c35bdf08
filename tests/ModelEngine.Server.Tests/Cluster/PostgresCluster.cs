using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.PostgreSql;

namespace ModelEngine.Server.Tests.Cluster;

/// <summary>
/// Two in-process server nodes, <c>node-a</c> and <c>node-b</c>, on one PostgreSQL database of their own, created on
/// the server that <c>MODELENGINE_TEST_POSTGRES</c> names and dropped at the end. Hangfire is off, because its job
/// storage is process-wide and the nodes share a process. Leases last 5 s, recovery runs every second, and scripts may allocate 4 GB.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly List<ServerFactory> _nodes = [];
    private ServerFactory? _nodeA;
    private ServerFactory? _nodeB;

    /// <summary>The database the nodes share.</summary>
    public PostgresDatabase Database { get; } = new("modelengine_cluster_test_");

    public ServerFactory NodeA => Require(_nodeA);

    public ServerFactory NodeB => Require(_nodeB);

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.ConnectionString is null)
        {
            return;
        }

        await Database.CreateAsync();

        // The first node migrates the database before the second starts, so the two never migrate at once.
        _nodeA = await StartNodeAsync("node-a");
        _nodeB = await StartNodeAsync("node-b");
    }

    /// <summary>Starts another node on the same database, with <paramref name="settings"/> over the cluster's defaults.</summary>
    public async Task<ServerFactory> StartNodeAsync(string nodeId, params (string Key, string Value)[] settings)
    {
        var node = new ServerFactory()
            .WithSetting("Persistence:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:ModelEngine", Database.ConnectionString)
            .WithSetting("Scheduling:Enabled", "false")
            .WithSetting("Execution:NodeId", nodeId)
            .WithSetting("Execution:LeaseDuration", "00:00:05")
            .WithSetting("Execution:RecoveryInterval", "00:00:01")

            // Jint counts what a busy loop that reads the clock allocates against its memory limit, and a step that
            // exceeds the 64 MB default faults instead of keeping the lease for its full duration.
            .WithSetting("Scripting:JavaScript:MemoryLimitMegabytes", "4096");
        foreach (var (key, value) in settings)
        {
            node.WithSetting(key, value);
        }

        _nodes.Add(node);
        using var client = node.CreateClient();
        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/health/ready")).StatusCode,
            status => status == System.Net.HttpStatusCode.OK,
            $"node {nodeId} to report /health/ready");
        return node;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync().AsTask().WaitAsync(Timeouts.Request);
        }

        if (PostgresTestServer.ConnectionString is not null)
        {
            await Database.DropAsync();
        }
    }

    private static ServerFactory Require(ServerFactory? node)
    {
        PostgresTestServer.RequireConnectionString();
        return node ?? throw new InvalidOperationException("The cluster was used before InitializeAsync started its nodes.");
    }
}
