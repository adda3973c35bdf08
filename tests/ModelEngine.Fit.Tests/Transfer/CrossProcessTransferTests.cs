using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Tests.SharedMemory;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.Tests.Transfer;

/// <summary>
/// A second process with its own node id and store directory pulls this process's payloads over loopback TCP, and
/// this process pulls the second's. Handles travel between them inside request envelopes.
/// </summary>
public sealed class CrossProcessTransferTests : IAsyncLifetime
{
    private readonly TestStoreDirectory _localDirectory = new();

    private readonly TestStoreDirectory _remoteDirectory = new();

    private readonly MemoryRegionRegistry _regions = new();

    private readonly TcpMemoryTransport _transport = new(Options.Create(new TcpTransferOptions { OperationTimeout = TimeSpan.FromSeconds(30) }));

    private TcpTransferServer _server = null!;

    private SharedMemoryStore _store = null!;

    private TestNodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        _server = new TcpTransferServer(_regions, Options.Create(new TcpTransferOptions()));
        await _server.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _store = _localDirectory.CreateStore("node-local", regions: _regions, transport: _transport);
        _node = await TestNodeProcess.StartAsync("node-remote", _remoteDirectory.Path);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _store.Dispose();
        _transport.Dispose();
        await _server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        _localDirectory.Dispose();
        _remoteDirectory.Dispose();
    }

    [Fact]
    public async Task SecondProcess_PullsLocalPayload()
    {
        var data = new byte[5 * 1024 * 1024 + 3];
        new Random(21).NextBytes(data);
        var payload = _store.Write(data);
        _store.AddLease(payload);
        var request = new FitRequest
        {
            RequestId = "r",
            GenericableId = "g",
            FitableId = "f",
            Arguments = [FitValue.FromHandle(payload.Handle)],
        };
        payload.Dispose();

        var reply = await _node.SendAsync("PULL " + Convert.ToBase64String(FitEnvelope.WriteRequest(request)));

        Assert.Equal($"PULLED {Convert.ToHexString(SHA256.HashData(data))} {data.Length}", reply);
        Assert.Equal(0, _localDirectory.FileCount);
        Assert.Equal("COUNT 0 0 0", await _node.SendAsync("COUNT"));
    }

    [Fact]
    public async Task ThisProcess_PullsRemotePayload()
    {
        var reply = (await _node.SendAsync("WRITE 7340033 5")).Split(' ');
        Assert.Equal("HANDLE", reply[0]);
        var handle = FitEnvelope.ReadRequest(Convert.FromBase64String(reply[1])).Arguments[0].Handle!;

        Assert.Equal("node-remote", handle.NodeId);
        Assert.Equal(_node.Endpoint, handle.TransferEndpoint);
        using (var pulled = await _store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(60)))
        {
            Assert.Equal(reply[2], Convert.ToHexString(SHA256.HashData(pulled.Span)));
            Assert.Equal("node-local", pulled.Handle.NodeId);
        }

        Assert.Equal("OK", await _node.SendAsync("RELEASE"));
        Assert.Equal("COUNT 0 0 0", await _node.SendAsync("COUNT"));
        Assert.Equal(0, _localDirectory.FileCount);
    }
}
