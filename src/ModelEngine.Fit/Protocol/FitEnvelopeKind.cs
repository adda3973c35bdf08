namespace ModelEngine.Fit.Protocol;

/// <summary>The kind of message an envelope contains.</summary>
public enum FitEnvelopeKind
{
    /// <summary>The envelope contains none of the known messages, for example one added by a newer protocol version.</summary>
    Unknown = 0,

    Request = 1,

    Response = 2,

    Heartbeat = 3,
}
