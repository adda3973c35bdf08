using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Remote;

/// <summary>
/// One argument or result as it travels between processes: inline JSON, UTF-8 or bytes, or a shared-memory handle.
/// <see cref="Data"/> may slice the received message body, so it is valid while that body is.
/// </summary>
public readonly record struct FitValue(FitValueKind Kind, ReadOnlyMemory<byte> Data, PayloadHandle? Handle = null)
{
    public static FitValue Null => new(FitValueKind.Null, ReadOnlyMemory<byte>.Empty);

    public static FitValue FromHandle(PayloadHandle handle) => new(FitValueKind.Handle, ReadOnlyMemory<byte>.Empty, handle);
}
