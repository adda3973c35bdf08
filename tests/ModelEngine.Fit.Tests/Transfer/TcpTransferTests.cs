using Microsoft.Extensions.Options;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Tests.SharedMemory;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.Tests.Transfer;

/// <summary>Two stores with distinct node ids in this process, one serving its segments over loopback TCP.</summary>
public sealed class TcpTransferTests : IAsyncLifetime
{
    private readonly TestStoreDirectory _ownerDirectory = new();

    private readonly TestStoreDirectory _readerDirectory = new();

    private readonly MemoryRegionRegistry _regions = new();

    private readonly TcpMemoryTransport _transport = new(Options.Create(new TcpTransferOptions { OperationTimeout = TimeSpan.FromSeconds(10) }));

    private TcpTransferServer _server = null!;

    private SharedMemoryStore _owner = null!;

    private SharedMemoryStore _reader = null!;

    public async Task InitializeAsync()
    {
        _server = new TcpTransferServer(_regions, Options.Create(new TcpTransferOptions()));
        await _server.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _owner = _ownerDirectory.CreateStore("node-owner", regions: _regions);
        _reader = _readerDirectory.CreateStore("node-reader", transport: _transport);
    }

    public async Task DisposeAsync()
    {
        _owner.Dispose();
        _reader.Dispose();
        _transport.Dispose();
        await _server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        _ownerDirectory.Dispose();
        _readerDirectory.Dispose();
    }

    [Fact]
    public async Task Server_StoppedThenDisposedTwice_DoesNotThrow()
    {
        var regions = new MemoryRegionRegistry();
        var server = new TcpTransferServer(regions, Options.Create(new TcpTransferOptions()));
        await server.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // A host stops it, then the container disposes it once for each service registration.
        await server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(regions.Endpoint);
    }

    [Fact]
    public void Server_BindsLoopback_PublishesEndpoint()
    {
        Assert.NotNull(_server.BoundEndpoint);
        Assert.Equal("127.0.0.1", _server.BoundEndpoint!.Address.ToString());
        Assert.NotEqual(0, _server.BoundEndpoint.Port);
        Assert.Equal(_server.BoundEndpoint.ToString(), _regions.Endpoint);
    }

    [Fact]
    public async Task Open_RemoteHandle_PullsAndReleasesLease()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(11).NextBytes(data);
        var written = _owner.Write(data);
        _owner.AddLease(written);
        written.Dispose();

        using (var pulled = await _reader.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.True(pulled.Span.SequenceEqual(data));
            Assert.Equal("node-reader", pulled.Handle.NodeId);
            Assert.Equal(1, _readerDirectory.FileCount);
        }

        // The pull gave the sender's lease back, which was the owner's last reference.
        Assert.Equal(0, _ownerDirectory.FileCount);
        Assert.Equal(0, _readerDirectory.FileCount);
        Assert.Equal(0, _regions.Count);
    }

    [Fact]
    public async Task Read_UnregisteredRegion_Fails()
    {
        using var written = _owner.Write(new byte[100]);
        var region = new RemoteRegion(_regions.Endpoint!, written.Handle.Region ^ 0x5555);

        var error = await Assert.ThrowsAsync<FitException>(
            () => _transport.ReadAsync(region, 0, new byte[10]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OutOfRange_FailsAndKeepsConnection()
    {
        using var written = _owner.Write([1, 2, 3, 4]);
        var region = new RemoteRegion(_regions.Endpoint!, written.Handle.Region);

        var error = await Assert.ThrowsAsync<FitException>(
            () => _transport.ReadAsync(region, 2, new byte[3]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var buffer = new byte[2];
        await _transport.ReadAsync(region, 2, buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Equal(new byte[] { 3, 4 }, buffer);
        Assert.Equal(1, _transport.IdleConnectionCount);
    }

    [Fact]
    public async Task Read_HostNameEndpoint_Connects()
    {
        using var written = _owner.Write([5, 6, 7]);
        var region = new RemoteRegion($"localhost:{_server.BoundEndpoint!.Port}", written.Handle.Region);
        var buffer = new byte[3];

        await _transport.ReadAsync(region, 0, buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new byte[] { 5, 6, 7 }, buffer);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:0")]
    [InlineData("bad host:80")]
    public async Task Read_InvalidEndpoint_IsUnavailablePayload(string endpoint)
    {
        var error = await Assert.ThrowsAsync<FitException>(
            () => _transport.ReadAsync(new RemoteRegion(endpoint, 1), 0, new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoListener_IsUnavailable()
    {
        var error = await Assert.ThrowsAsync<FitException>(
            () => _transport.ReadAsync(new RemoteRegion("127.0.0.1:1", 1), 0, new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public async Task Open_CancelledPull_LeavesNoSegment()
    {
        var written = _owner.Write(new byte[32 * 1024 * 1024]);
        _owner.AddLease(written, TimeSpan.FromMinutes(1));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _reader.OpenAsync(written.Handle, cancellation.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(0, _readerDirectory.FileCount);
        written.Dispose();
    }

    [Fact]
    public async Task Region_DeletedByAnotherProcess_IsWithdrawn()
    {
        var written = _owner.Write(new byte[100]);
        _owner.AddLease(written);
        written.Dispose();
        using (var sameNode = _ownerDirectory.CreateStore("node-owner"))
        {
            // Another store on the node adopts the lease and drops the last reference, which deletes the file.
            (await sameNode.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        }

        var error = await Assert.ThrowsAsync<FitException>(
            () => _transport.ReadAsync(new RemoteRegion(_regions.Endpoint!, written.Handle.Region), 0, new byte[100]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Equal(1, _regions.Count);

        _owner.Collect();

        Assert.Equal(0, _regions.Count);
        Assert.Equal(0, _ownerDirectory.FileCount);
    }
}
