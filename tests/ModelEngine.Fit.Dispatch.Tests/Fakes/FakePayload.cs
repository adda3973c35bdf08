using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Dispatch.Tests.Fakes;

/// <summary>A payload that only carries a handle, for locality tests.</summary>
public sealed class FakePayload(PayloadHandle handle) : FitPayload
{
    public FakePayload(string nodeId)
        : this(new PayloadHandle(nodeId, "segment", 1, 0, 4, 1, PayloadEncoding.Bytes, null))
    {
    }

    public override PayloadHandle Handle { get; } = handle;

    public override ReadOnlyMemory<byte> Memory => new byte[] { 1, 2, 3, 4 };

    public bool IsDisposed { get; private set; }

    public override FitPayload Retain() => new FakePayload(Handle);

    protected override void Dispose(bool disposing) => IsDisposed = true;
}
