namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// A reference to a sealed payload in a shared-memory store. The bytes are read in place, over the mapping: no copy
/// and no deserialization. Disposing releases this reference. The segment goes when its last reference and lease end.
/// </summary>
public abstract class FitPayload : IDisposable
{
    /// <summary>The handle that names this payload on the wire.</summary>
    public abstract PayloadHandle Handle { get; }

    public long Length => Handle.Length;

    public PayloadEncoding Encoding => Handle.Encoding;

    /// <summary>The bytes, in place over the mapping. Valid until this payload is disposed.</summary>
    public abstract ReadOnlyMemory<byte> Memory { get; }

    /// <summary>The bytes, in place over the mapping. Valid until this payload is disposed.</summary>
    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>Decodes the bytes as UTF-8: the one copy a caller who needs a .NET string pays.</summary>
    public string GetString() => System.Text.Encoding.UTF8.GetString(Memory.Span);

    /// <summary>Takes another reference, released by disposing the returned payload.</summary>
    public abstract FitPayload Retain();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
