namespace ModelEngine.Studio.Features.Processes;

/// <summary>The editor a start form uses for one workflow input, chosen from the input's type.</summary>
public enum StartFieldKind
{
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    Json,

    /// <summary>An array input: a comma-separated list of values of the element type.</summary>
    List,
}
