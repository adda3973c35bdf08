using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>Builds an <see cref="ActivityDescriptor"/> from an activity class and its attributes.</summary>
public static class ActivityDescriber
{
    public static ActivityDescriptor Describe(Type activityType)
    {
        var attribute = activityType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"Activity class '{activityType.FullName}' needs an [Activity] attribute.");
        var name = attribute.Name ?? activityType.Name;
        var ports = activityType.GetCustomAttribute<FlowNodeAttribute>()?.Outcomes ?? ["Done"];
        var getOutcomes = activityType.GetMethod(nameof(Activity.GetOutcomes), Type.EmptyTypes);

        return new ActivityDescriptor
        {
            TypeName = $"{attribute.Namespace}.{name}",
            Aliases = attribute.Aliases,
            Namespace = attribute.Namespace,
            Name = name,
            DisplayName = attribute.DisplayName ?? SplitWords(name),
            Category = attribute.Category,
            Description = attribute.Description,
            Kind = attribute.Kind,
            Inputs = DescribeInputs(activityType),
            Outputs = DescribeOutputs(activityType),
            Ports = [.. ports.Select(port => new PortDescriptor(port, SplitWords(port))), .. DescribeEmbeddedPorts(activityType)],
            HasDynamicOutcomes = getOutcomes?.DeclaringType != typeof(Activity),
            IsContainer = activityType == typeof(Activities.Flow.Flowchart) || DescribeEmbeddedPorts(activityType).Length > 0,
            IsStart = activityType.Name == "Start",
            IsTerminal = ports.Count == 0,
            IsBrowsable = attribute.IsBrowsable,
        };
    }

    /// <summary>Returns the JSON property name of an activity property, camelCased as in Elsa files.</summary>
    public static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static InputDescriptor[] DescribeInputs(Type activityType) =>
        activityType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (Property: property, Attribute: property.GetCustomAttribute<InputAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => DescribeInput(pair.Property, pair.Attribute!))
            .OrderBy(input => input.Order)
            .ToArray();

    private static InputDescriptor DescribeInput(PropertyInfo property, InputAttribute attribute)
    {
        var isWrapped = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Input<>);
        var valueType = isWrapped ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(valueType) ?? valueType;
        var options = attribute.Options ?? (underlying.IsEnum ? Enum.GetNames(underlying) : null);

        return new InputDescriptor
        {
            Name = JsonName(property),
            TypeName = TypeAliases.GetAlias(valueType),
            DisplayName = attribute.DisplayName ?? SplitWords(property.Name),
            Description = attribute.Description,
            Category = attribute.Category,
            UIHint = attribute.UIHint ?? DefaultUIHint(underlying, options),
            IsWrapped = isWrapped,
            IsRequired = attribute.IsRequired,
            Order = attribute.Order,
            DefaultValue = JsonValueFactory.From(attribute.DefaultValue),
            DefaultSyntax = attribute.DefaultSyntax ?? (isWrapped ? ExpressionTypes.Literal : null),
            Options = options,
        };
    }

    private static PortDescriptor[] DescribeEmbeddedPorts(Type activityType) =>
        activityType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (Property: property, Attribute: property.GetCustomAttribute<PortAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => new PortDescriptor(JsonName(pair.Property), pair.Attribute!.DisplayName ?? SplitWords(pair.Property.Name), PortDescriptor.EmbeddedType))
            .ToArray();

    private static OutputDescriptor[] DescribeOutputs(Type activityType) =>
        activityType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (Property: property, Attribute: property.GetCustomAttribute<OutputAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair =>
            {
                var type = pair.Property.PropertyType.IsGenericType ? pair.Property.PropertyType.GetGenericArguments()[0] : typeof(object);
                return new OutputDescriptor(JsonName(pair.Property), TypeAliases.GetAlias(type), pair.Attribute!.DisplayName ?? SplitWords(pair.Property.Name), pair.Attribute.Description);
            })
            .ToArray();

    private static string DefaultUIHint(Type type, string[]? options)
    {
        if (options is not null)
        {
            return UIHints.Dropdown;
        }

        if (type == typeof(bool))
        {
            return UIHints.Checkbox;
        }

        if (type == typeof(TimeSpan))
        {
            return UIHints.Duration;
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return UIHints.DateTimePicker;
        }

        if (type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return UIHints.JsonEditor;
        }

        if (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return UIHints.MultiText;
        }

        return UIHints.SingleLine;
    }

    private static string SplitWords(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }
}
