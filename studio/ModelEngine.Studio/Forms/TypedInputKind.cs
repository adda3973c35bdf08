namespace ModelEngine.Studio.Forms;

/// <summary>How <see cref="TypedInputParser"/> reads the text of one workflow input, chosen from the input's type name.</summary>
public enum TypedInputKind
{
    /// <summary>Any text, sent as a JSON string.</summary>
    Text,

    /// <summary>A whole number from 0 to 255.</summary>
    Byte,

    /// <summary>A whole number in the range of <see cref="short"/>.</summary>
    Int16,

    /// <summary>A whole number in the range of <see cref="int"/>.</summary>
    Int32,

    /// <summary>A whole number in the range of <see cref="long"/>.</summary>
    Int64,

    /// <summary>A number in the range of <see cref="decimal"/>.</summary>
    Decimal,

    /// <summary>A finite number in the range of <see cref="double"/>.</summary>
    Double,

    /// <summary>A finite number in the range of <see cref="float"/>.</summary>
    Single,

    /// <summary><c>true</c> or <c>false</c>, which forms show as a checkbox.</summary>
    Boolean,

    /// <summary>An ISO 8601 date, or date and time with an optional offset.</summary>
    DateTime,

    /// <summary>An ISO 8601 date without a time.</summary>
    Date,

    /// <summary>A duration, as <c>d.hh:mm:ss</c> or ISO 8601 (<c>PT45M</c>).</summary>
    Duration,

    /// <summary>Any JSON value.</summary>
    Json,

    /// <summary>A JSON object.</summary>
    JsonObject,

    /// <summary>A JSON array.</summary>
    JsonArray,
}
