using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>
/// One input of an activity type. A wrapped input is stored in the activity as <c>{ typeName, expression { type, value } }</c>,
/// an unwrapped one as a plain JSON value.
/// </summary>
public sealed record InputDescriptor
{
    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    /// <summary>The editor to show, one of <see cref="UiHints"/>.</summary>
    [JsonPropertyName("uiHint")]
    public string UiHint { get; init; } = UiHints.SingleLine;

    public bool IsWrapped { get; init; } = true;

    public bool IsRequired { get; init; }

    public int Order { get; init; }

    public JsonNode? DefaultValue { get; init; }

    /// <summary>The expression syntax offered first, such as <c>Literal</c> or <c>JavaScript</c>.</summary>
    public string? DefaultSyntax { get; init; }

    /// <summary>The choices of a dropdown.</summary>
    public IReadOnlyList<string>? Options { get; init; }
}
