namespace ModelEngine.Fit.MassTransit.Messages;

/// <summary>
/// A FIT message on the bus: the body is a FlatBuffers envelope, carried as it is. The FIT serializer writes
/// <see cref="Body"/> as the whole message body and reads any body back into whichever of these types a consumer requests.
/// </summary>
public interface IFitBusMessage
{
    /// <summary>The envelope bytes. On receipt they are a copy owned by the message, valid as long as it is.</summary>
    ReadOnlyMemory<byte> Body { get; }
}
