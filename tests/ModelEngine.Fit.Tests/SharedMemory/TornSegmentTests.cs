using System.Buffers.Binary;
using System.Diagnostics;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Tests.SharedMemory;

/// <summary>Segments left half-written by a crash, or damaged, are reported unavailable and never read as data.</summary>
public sealed class TornSegmentTests : IDisposable
{
    private readonly TestStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_DeadUnsealedWriter_IsAbandoned()
    {
        using var store = _directory.CreateStore();
        var deadPid = await DeadProcessIdAsync();
        var name = $"seg-{deadPid}-00000000000000a1";
        WriteRawSegment(name, generation: 0xa1, length: 100, state: SegmentHeader.StateWriting, pid: deadPid, startTime: 12345);
        var handle = new PayloadHandle("node-a", name, 0, 0, 100, 0xa1, PayloadEncoding.Bytes, null);

        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains("abandoned", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Open_LiveUnsealedWriter_IsKept()
    {
        using var store = _directory.CreateStore();
        var name = $"seg-{Environment.ProcessId}-00000000000000a2";
        WriteRawSegment(name, 0xa2, 100, SegmentHeader.StateWriting, Environment.ProcessId, ProcessIdentity.CurrentStartTime);
        var handle = new PayloadHandle("node-a", name, 0, 0, 100, 0xa2, PayloadEncoding.Bytes, null);

        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("still being written", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);
    }

    [Fact]
    public async Task Open_ReusedPid_CountsWriterDead()
    {
        using var store = _directory.CreateStore();
        var name = $"seg-{Environment.ProcessId}-00000000000000a3";
        WriteRawSegment(name, 0xa3, 100, SegmentHeader.StateWriting, Environment.ProcessId, ProcessIdentity.CurrentStartTime + 1);
        var handle = new PayloadHandle("node-a", name, 0, 0, 100, 0xa3, PayloadEncoding.Bytes, null);

        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("abandoned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithABadMagic_IsUnavailable()
    {
        using var store = _directory.CreateStore();
        var name = $"seg-{Environment.ProcessId}-00000000000000a4";
        WriteRawSegment(name, 0xa4, 100, SegmentHeader.StateSealed, Environment.ProcessId, ProcessIdentity.CurrentStartTime, magic: 0x1234);
        var handle = new PayloadHandle("node-a", name, 0, 0, 100, 0xa4, PayloadEncoding.Bytes, null);

        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_LengthBeyondFile_IsUnavailable()
    {
        using var store = _directory.CreateStore();
        var name = $"seg-{Environment.ProcessId}-00000000000000a5";
        WriteRawSegment(name, 0xa5, 100, SegmentHeader.StateSealed, Environment.ProcessId, ProcessIdentity.CurrentStartTime, declaredLength: 1_000_000);
        var handle = new PayloadHandle("node-a", name, 0, 0, 100, 0xa5, PayloadEncoding.Bytes, null);

        var error = await Assert.ThrowsAsync<FitException>(() => store.OpenAsync(handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FitErrorCode.PayloadUnavailable, error.Code);
        Assert.Contains("beyond the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_OverwrittenHeader_FailsChecksum()
    {
        using var store = _directory.CreateStore();
        using var written = store.Write(new byte[100]);
        var path = Path.Combine(_directory.Path, written.Handle.Segment);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = 32; // the owner pid
            file.Write(BitConverter.GetBytes(int.MaxValue));
        }

        // A fresh store maps the file anew rather than reusing the writer's mapping.
        using var reader = _directory.CreateStore();
        var error = await Assert.ThrowsAsync<FitException>(() => reader.OpenAsync(written.Handle).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_EmptyDeadFile_IsRemoved()
    {
        using var store = _directory.CreateStore();
        var deadPid = await DeadProcessIdAsync();
        File.WriteAllBytes(Path.Combine(_directory.Path, $"seg-{deadPid}-00000000000000a6"), []);

        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Collect_SealedDeadWriterWithReferences_IsRemoved()
    {
        using var store = _directory.CreateStore();
        var deadPid = await DeadProcessIdAsync();
        var name = $"seg-{deadPid}-00000000000000a7";
        WriteRawSegment(name, 0xa7, 100, SegmentHeader.StateSealed, deadPid, startTime: 12345, references: 2);

        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public void Collect_SealedUnheldReferences_IsRemoved()
    {
        using var store = _directory.CreateStore();
        var name = $"seg-{Environment.ProcessId}-00000000000000a8";
        WriteRawSegment(name, 0xa8, 100, SegmentHeader.StateSealed, Environment.ProcessId, ProcessIdentity.CurrentStartTime, references: 2);

        Assert.Equal(1, store.Collect());
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public void Collect_SealedHeldReference_IsKept()
    {
        using var store = _directory.CreateStore();
        using var payload = store.Write(new byte[100]);

        Assert.Equal(0, store.Collect());
        Assert.Equal(1, _directory.FileCount);
        Assert.Equal(0, payload.Span[99]);
    }

    /// <summary>The id of a process that has exited; the OS will not reuse it within a test.</summary>
    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return process.Id;
    }

    private unsafe void WriteRawSegment(
        string name, ulong generation, long length, int state, int pid, long startTime, ulong magic = SegmentHeader.Magic, long? declaredLength = null, long references = 1)
    {
        var bytes = new byte[SegmentHeader.Size + length];
        fixed (byte* header = bytes)
        {
            // Lay out a valid header for this process, then put in the owner and state under test.
            SegmentHeader.Initialize(header, declaredLength ?? length, generation);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(32), pid);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(40), startTime);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(48), SegmentHeader.ComputeChecksum(header));
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0), magic);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), state);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(56), references);
        }

        File.WriteAllBytes(Path.Combine(_directory.Path, name), bytes);
    }
}
