using System.Diagnostics.CodeAnalysis;
using ModelEngine.Workflows.Activities;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>The activity classes registered with <c>AddActivity&lt;T&gt;()</c>, described once at start-up.</summary>
public sealed class ActivityRegistry : IActivityRegistry
{
    private readonly Dictionary<string, (ActivityDescriptor Descriptor, Type ClrType)> _byName = new(StringComparer.Ordinal);
    private readonly List<ActivityDescriptor> _descriptors = [];

    public ActivityRegistry(IEnumerable<ActivityType> types)
    {
        foreach (var type in types.DistinctBy(type => type.ClrType))
        {
            var descriptor = ActivityDescriber.Describe(type.ClrType);
            _descriptors.Add(descriptor);
            Add(descriptor.TypeName, descriptor, type.ClrType);
            foreach (var alias in descriptor.Aliases)
            {
                Add(alias, descriptor, type.ClrType);
            }
        }

        _descriptors.Sort((left, right) => string.CompareOrdinal(left.TypeName, right.TypeName));
    }

    public IReadOnlyList<ActivityDescriptor> ListDescriptors() => _descriptors;

    public bool TryGetDescriptor(string typeName, [NotNullWhen(true)] out ActivityDescriptor? descriptor)
    {
        descriptor = _byName.TryGetValue(typeName, out var entry) ? entry.Descriptor : null;
        return descriptor is not null;
    }

    /// <summary>Creates an empty activity object of a registered type, or returns <see langword="null"/>.</summary>
    public Activity? Create(string typeName, out ActivityDescriptor? descriptor)
    {
        if (!_byName.TryGetValue(typeName, out var entry))
        {
            descriptor = null;
            return null;
        }

        descriptor = entry.Descriptor;
        var activity = (Activity)Activator.CreateInstance(entry.ClrType)!;
        activity.Descriptor = entry.Descriptor;
        activity.Type = entry.Descriptor.TypeName;
        return activity;
    }

    /// <summary>Returns the CLR type registered for a name, for the loader to bind inputs.</summary>
    public Type? GetClrType(string typeName) => _byName.TryGetValue(typeName, out var entry) ? entry.ClrType : null;

    private void Add(string name, ActivityDescriptor descriptor, Type clrType)
    {
        if (!_byName.TryAdd(name, (descriptor, clrType)))
        {
            throw new InvalidOperationException($"Activity type name '{name}' is registered twice: by {_byName[name].ClrType.FullName} and by {clrType.FullName}.");
        }
    }
}
