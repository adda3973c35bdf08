namespace ModelEngine.Workflows.Activities;

/// <summary>
/// Describes an activity class for the registry: its namespace (the type name is <c>Namespace.ClassName</c>), its
/// toolbox category and the other type names it loads under.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute : Attribute
{
    public ActivityAttribute(string @namespace, string category, string? description = null)
    {
        Namespace = @namespace;
        Category = category;
        Description = description;
    }

    public string Namespace { get; }

    public string Category { get; }

    public string? Description { get; }

    /// <summary>The name after the namespace, when it differs from the class name.</summary>
    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Other type names that load as this activity, such as <c>Elsa.WriteLine</c>.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary><c>Action</c>, <c>Trigger</c> or <c>Task</c>.</summary>
    public string Kind { get; init; } = "Action";

    public bool IsBrowsable { get; init; } = true;
}
