using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>The activity descriptors of one designer session, looked up by type name or alias.</summary>
public sealed class DescriptorCatalog
{
    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    public DescriptorCatalog(IReadOnlyList<ActivityDescriptor> descriptors)
    {
        All = descriptors;
        foreach (var descriptor in descriptors)
        {
            _byType[descriptor.TypeName] = descriptor;
        }

        foreach (var descriptor in descriptors)
        {
            foreach (var alias in descriptor.Aliases)
            {
                _byType.TryAdd(alias, descriptor);
            }
        }
    }

    public static DescriptorCatalog Empty { get; } = new([]);

    public IReadOnlyList<ActivityDescriptor> All { get; }

    /// <summary>Returns the descriptor of <paramref name="typeName"/>, or <see langword="null"/> for an unknown type.</summary>
    public ActivityDescriptor? Find(string? typeName) =>
        typeName is not null && _byType.TryGetValue(typeName, out var descriptor) ? descriptor : null;
}
