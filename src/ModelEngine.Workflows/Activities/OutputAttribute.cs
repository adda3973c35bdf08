namespace ModelEngine.Workflows.Activities;

/// <summary>Marks an activity property as an output that a <c>memoryReference</c> can capture.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }

    public string? Description { get; init; }
}
