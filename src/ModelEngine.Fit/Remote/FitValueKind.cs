namespace ModelEngine.Fit.Remote;

/// <summary>How a value travels in the envelope. It mirrors <c>ValueKind</c> in fit.fbs.</summary>
public enum FitValueKind : byte
{
    Null = 0,
    Json = 1,
    Utf8 = 2,
    Bytes = 3,
    Handle = 4,
}
