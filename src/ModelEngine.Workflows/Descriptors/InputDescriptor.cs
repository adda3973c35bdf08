using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>
/// One input of an activity type. <see cref="Name"/> is the camelCased JSON property name. A wrapped input is stored as
/// <c>{typeName, expression{type, value}}</c>; an unwrapped one as a plain JSON value.
/// </summary>
public sealed record InputDescriptor
{
    public required string Name { get; init; }

    /// <summary>The type alias, such as <c>String</c>, <c>Boolean</c>, <c>Object</c> or <c>String[]</c>.</summary>
    public required string TypeName { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    /// <summary>How the designer edits the input: <c>singleline</c>, <c>multiline</c>, <c>dropdown</c> and so on.</summary>
    public required string UIHint { get; init; }

    public bool IsWrapped { get; init; } = true;

    public bool IsRequired { get; init; }

    public int Order { get; init; }

    public JsonNode? DefaultValue { get; init; }

    /// <summary>The expression syntax the designer offers first, such as <c>Literal</c> or <c>JavaScript</c>.</summary>
    public string? DefaultSyntax { get; init; }

    /// <summary>The choices of a dropdown, such as an enum's names.</summary>
    public IReadOnlyList<string>? Options { get; init; }
}
