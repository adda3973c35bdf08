namespace ModelEngine.Fit.MassTransit.Messages;

/// <summary>A FIT request envelope travelling on the bus.</summary>
/// <param name="Body">The FlatBuffers envelope that contains the request.</param>
public sealed record FitRequestMessage(ReadOnlyMemory<byte> Body) : IFitBusMessage;
