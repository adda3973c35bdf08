namespace ModelEngine.Studio.Features.Inbox.Forms;

/// <summary>The input a task form shows for one JSON Schema property.</summary>
public enum SchemaFieldKind
{
    Text,
    MultilineText,
    Select,
    Date,
    DateTime,
    Number,
    Integer,
    Boolean,
    StringList,

    /// <summary>A property the form cannot edit, such as a nested object; it is shown as JSON text and kept as it is.</summary>
    Unsupported,
}
