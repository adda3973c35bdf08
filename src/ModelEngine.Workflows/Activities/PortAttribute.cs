namespace ModelEngine.Workflows.Activities;

/// <summary>Marks an <see cref="Activity"/>-typed property as an embedded port, such as a loop's body.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PortAttribute : Attribute
{
    public string? DisplayName { get; init; }
}
