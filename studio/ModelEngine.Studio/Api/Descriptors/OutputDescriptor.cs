namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>One output of an activity type, which the designer can bind to a variable.</summary>
public sealed record OutputDescriptor
{
    public required string Name { get; init; }

    public string? TypeName { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }
}
