using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.Benchmarks;

/// <summary>
/// Payload cost by size: (a) writing a segment, (b) from a handle to a readable span in a callee on the same node,
/// (c) copying the payload over loopback TCP with the transfer client.
/// </summary>
[MemoryDiagnoser]
public class PayloadBenchmarks
{
    private string _directory = null!;

    private byte[] _data = null!;

    private byte[] _destination = null!;

    private MemoryRegionRegistry _regions = null!;

    private TcpTransferServer _server = null!;

    private TcpMemoryTransport _transport = null!;

    private SharedMemoryStore _caller = null!;

    private SharedMemoryStore _callee = null!;

    private FitPayload _payload = null!;

    [Params(1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024, 256 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine("/dev/shm", "modelengine-fit-bench-" + Guid.NewGuid().ToString("N"));
        _data = new byte[Size];
        new Random(1).NextBytes(_data);
        _destination = new byte[Size];
        _regions = new MemoryRegionRegistry();
        var transferOptions = Options.Create(new TcpTransferOptions());
        _server = new TcpTransferServer(_regions, transferOptions);
        _server.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _transport = new TcpMemoryTransport(transferOptions);
        var nodeOptions = Options.Create(new FitNodeOptions { NodeId = "bench-node", SharedMemoryPath = _directory });

        // The callee is a second store on the same node, so it maps the segment itself as another process would.
        _caller = new SharedMemoryStore(nodeOptions, regions: _regions);
        _callee = new SharedMemoryStore(nodeOptions);
        _payload = _caller.Write(_data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _payload.Dispose();
        _caller.Dispose();
        _callee.Dispose();
        _transport.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>(a) Creates, fills and seals a segment, then releases it (which deletes the file).</summary>
    [Benchmark]
    public long WriteSegment()
    {
        using var payload = _caller.Write(_data);
        return payload.Length;
    }

    /// <summary>(b) Opens a handle in the callee's store and touches the first and last byte.</summary>
    [Benchmark]
    public async Task<int> HandleToSpan()
    {
        using var payload = await _callee.OpenAsync(_payload.Handle);
        var span = payload.Span;
        return span[0] + span[^1];
    }

    /// <summary>(c) Copies the payload over loopback TCP into a buffer, as a pull from another node does.</summary>
    [Benchmark]
    public async Task<int> TcpPull()
    {
        await _transport.ReadAsync(new RemoteRegion(_regions.Endpoint!, _payload.Handle.Region), 0, _destination);
        return _destination[^1];
    }
}
