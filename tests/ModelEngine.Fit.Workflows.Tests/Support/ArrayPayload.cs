using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Workflows.Tests.Support;

/// <summary>A payload over a managed array that counts its releases, standing in for a shared-memory mapping.</summary>
internal sealed class ArrayPayload(byte[] bytes, PayloadEncoding encoding) : FitPayload
{
    public override PayloadHandle Handle { get; } = new("node-a", "segment-1", 1, 0, bytes.Length, 1, encoding, null);

    public override ReadOnlyMemory<byte> Memory => bytes;

    public int Releases { get; private set; }

    public override FitPayload Retain() => throw new NotSupportedException("The test payload has one reference.");

    protected override void Dispose(bool disposing) => Releases++;
}
