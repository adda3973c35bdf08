namespace ModelEngine.Fit.MassTransit.Messages;

/// <summary>A FIT heartbeat envelope travelling on the bus.</summary>
/// <param name="Body">The FlatBuffers envelope that contains the heartbeat.</param>
public sealed record FitHeartbeatMessage(ReadOnlyMemory<byte> Body) : IFitBusMessage;
