namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>The transport headers of the FIT bus contract (docs/fit-protocol.md, section Bus).</summary>
public static class FitBusHeaders
{
    /// <summary>The media type of every FIT message body.</summary>
    public const string ContentType = "application/vnd.modelengine.fit+flatbuffers";

    /// <summary>The request id. On a request it equals the envelope's request id, and a response copies it.</summary>
    public const string RequestId = "MT-RequestId";

    /// <summary>The URI whose last path segment names the exchange that takes the response.</summary>
    public const string ResponseAddress = "MT-ResponseAddress";

    /// <summary>The W3C trace context of the caller, also carried in the request envelope.</summary>
    public const string TraceParent = "traceparent";
}
