namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>Which message an envelope holds.</summary>
internal enum FitBusEnvelopeKind
{
    Unknown = 0,
    Request = 1,
    Response = 2,
    Heartbeat = 3,
}
