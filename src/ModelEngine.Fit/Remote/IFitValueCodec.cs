namespace ModelEngine.Fit.Remote;

/// <summary>
/// Converts arguments and results between .NET values and <see cref="FitValue"/>s. Strings, byte arrays and byte
/// memory above the shared-memory threshold become handles. A <see cref="SharedMemory.FitPayload"/> always does.
/// </summary>
public interface IFitValueCodec
{
    /// <summary>
    /// Encodes a value for another process. When the value becomes a handle, the codec takes one reference for the
    /// receiver, held by a lease until the receiver adopts it or the lease ends. The sender's own references are
    /// added to <paramref name="scope"/>, which the sender disposes when the call ends.
    /// </summary>
    FitValue Encode(object? value, Type declaredType, ICollection<IDisposable> scope);

    /// <summary>
    /// Decodes a received value into <paramref name="targetType"/>. A handle is opened in place (pulled first when
    /// another node owns it) and adopts the reference the sender took. A <see cref="ReadOnlyMemory{T}"/> or
    /// <see cref="SharedMemory.FitPayload"/> target reads the mapping without a copy. The opened payload goes into
    /// <paramref name="scope"/>, so the memory stays valid until the scope is disposed.
    /// </summary>
    ValueTask<object?> DecodeAsync(FitValue value, Type targetType, ICollection<IDisposable> scope, CancellationToken cancellationToken);
}
