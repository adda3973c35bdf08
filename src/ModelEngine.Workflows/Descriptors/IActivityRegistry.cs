using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>The activity types this node knows, by native type name and by alias.</summary>
public interface IActivityRegistry
{
    IReadOnlyList<ActivityDescriptor> ListDescriptors();

    /// <summary>Finds a descriptor by native type name or alias (such as <c>Elsa.WriteLine</c>).</summary>
    bool TryGetDescriptor(string typeName, [NotNullWhen(true)] out ActivityDescriptor? descriptor);
}
