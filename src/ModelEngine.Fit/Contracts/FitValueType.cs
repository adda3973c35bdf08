namespace ModelEngine.Fit.Contracts;

/// <summary>The wire type of a parameter or result, for contracts declared without a .NET interface.</summary>
public enum FitValueType
{
    /// <summary>Any JSON value (numbers, booleans, objects, arrays).</summary>
    Json,

    /// <summary>A string, carried as UTF-8. Large ones travel by shared-memory handle.</summary>
    String,

    /// <summary>Raw bytes. Large ones travel by shared-memory handle.</summary>
    Bytes,

    /// <summary>No value (a result only).</summary>
    Void,
}
