namespace ModelEngine.Fit.SharedMemory;

/// <summary>The encoding of a payload's bytes.</summary>
public enum PayloadEncoding : byte
{
    /// <summary>Raw bytes.</summary>
    Bytes = 0,

    /// <summary>A string stored as UTF-8.</summary>
    Utf8 = 1,
}
