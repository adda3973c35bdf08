using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Descriptors;

/// <summary>The label of an activity on the canvas when its name is the one the designer generated.</summary>
public static class NodeLabels
{
    /// <summary>
    /// Returns the label for an activity named <paramref name="name"/>. A name the designer generated, the type's short
    /// name and a number such as <c>UserTask1</c>, shows as the translated type name and the number (用户任务 1) when
    /// <paramref name="descriptor"/> was translated. Any other name shows as it is, and the name itself never changes.
    /// </summary>
    public static string FromName(string name, ActivityDescriptor? descriptor)
    {
        if (descriptor?.ServerDisplayName is null || descriptor.DisplayName == descriptor.ServerDisplayName)
        {
            return name;
        }

        var baseName = descriptor.Name ?? descriptor.TypeName.Split('.')[^1];
        if (!name.StartsWith(baseName, StringComparison.Ordinal))
        {
            return name;
        }

        var number = name[baseName.Length..];
        if (number.Length == 0)
        {
            return descriptor.DisplayName;
        }

        return number.All(char.IsAsciiDigit) ? $"{descriptor.DisplayName} {number}" : name;
    }
}
