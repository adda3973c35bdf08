using System.Runtime.InteropServices;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Tests.SharedMemory;

public sealed class SharedMemoryStoreTests : IDisposable
{
    private readonly TestStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_ByHandle_ReadsBytesInPlace()
    {
        using var store = _directory.CreateStore();
        var data = RandomBytes(100_000, seed: 1);

        using var written = store.Write(data);
        using var opened = await store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(opened.Span.SequenceEqual(data));
        Assert.False(MemoryMarshal.TryGetArray(opened.Memory, out _));
        Assert.Equal(PayloadEncoding.Bytes, opened.Encoding);
        Assert.Equal("node-a", opened.Handle.NodeId);
    }

    [Fact]
    public void WriteString_StoresUtf8()
    {
        using var store = _directory.CreateStore();
        using var payload = store.WriteString("héllo wörld");

        Assert.Equal(PayloadEncoding.Utf8, payload.Encoding);
        Assert.Equal("héllo wörld", payload.GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("héllo wörld"), payload.Length);
    }

    [Fact]
    public async Task Dispose_LastReference_RemovesSegment()
    {
        using var store = _directory.CreateStore();
        var written = store.Write(RandomBytes(1000, seed: 2));
        var opened = await store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var retained = opened.Retain();

        written.Dispose();
        opened.Dispose();
        Assert.Equal(1, _directory.FileCount);
        Assert.Equal(1, store.OpenPayloadCount);

        retained.Dispose();
        Assert.Equal(0, _directory.FileCount);
        Assert.Equal(0, store.OpenPayloadCount);
        Assert.Equal(0, store.MappedSegmentCount);
        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
    }

    [Fact]
    public async Task Lease_Adopted_EndsWithReceiver()
    {
        using var store = _directory.CreateStore();
        var written = store.Write(RandomBytes(1000, seed: 3));
        store.AddLease(written);
        written.Dispose();
        Assert.Equal(1, _directory.FileCount);

        var received = await store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        received.Dispose();

        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Lease_NotAdopted_CollectedAfterExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = _directory.CreateStore(time: time);
        var written = store.Write(RandomBytes(1000, seed: 4));
        store.AddLease(written, TimeSpan.FromSeconds(30));
        written.Dispose();

        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
    }

    [Fact]
    public void Collect_KeepsSegmentsWithLiveReferences()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = _directory.CreateStore(time: time);
        using var written = store.Write(RandomBytes(1000, seed: 5));
        store.AddLease(written, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);
    }

    [Fact]
    public async Task Open_WithAnotherGeneration_IsUnavailable()
    {
        using var store = _directory.CreateStore();
        using var written = store.Write(RandomBytes(1000, seed: 6));

        var error = await Assert.ThrowsAsync<FitException>(
            () => store.OpenAsync(written.Handle with { Generation = written.Handle.Generation + 2 }).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains("generation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_OutsideTheSegment_IsUnavailable()
    {
        using var store = _directory.CreateStore();
        using var written = store.Write(RandomBytes(1000, seed: 7));

        var error = await Assert.ThrowsAsync<FitException>(
            () => store.OpenAsync(written.Handle with { Length = 1001 }).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
    }

    [Fact]
    public async Task Open_MissingOrForeignName_IsUnavailable()
    {
        using var store = _directory.CreateStore();
        using var written = store.Write(RandomBytes(10, seed: 8));

        var missing = await Assert.ThrowsAsync<FitException>(
            () => store.OpenAsync(written.Handle with { Segment = "seg-1-00000000000000ff" }).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var escaping = await Assert.ThrowsAsync<FitException>(
            () => store.OpenAsync(written.Handle with { Segment = "../etc/passwd" }).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, missing.Code);
        Assert.Equal(FitErrorCode.PayloadUnavailable, escaping.Code);
    }

    [Fact]
    public async Task OpenAndRead_50MegabytePayload_AllocatesLittle()
    {
        const int Size = 50 * 1024 * 1024;
        using var store = _directory.CreateStore();
        var data = new byte[Size];
        data[0] = 1;
        data[^1] = 2;
        using var written = store.Write(data);
        // A first open warms up the code paths, so that JIT and first-use allocations are not counted.
        (await store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        long sum;
        using (var opened = await store.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            var span = opened.Span;
            sum = span[0] + span[^1] + span[Size / 2];
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(3, sum);
        Assert.True(allocated < 64 * 1024, $"Opening and reading allocated {allocated} bytes.");
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
