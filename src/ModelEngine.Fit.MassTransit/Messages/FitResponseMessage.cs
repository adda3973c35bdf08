namespace ModelEngine.Fit.MassTransit.Messages;

/// <summary>A FIT response envelope travelling on the bus.</summary>
/// <param name="Body">The FlatBuffers envelope that contains the response.</param>
public sealed record FitResponseMessage(ReadOnlyMemory<byte> Body) : IFitBusMessage;
