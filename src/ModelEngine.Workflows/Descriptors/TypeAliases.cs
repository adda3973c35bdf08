using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Descriptors;

/// <summary>The short type names used in definitions (<c>String</c>, <c>Int32</c>, <c>Object</c>, <c>String[]</c>).</summary>
public static class TypeAliases
{
    public static string GetAlias(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(object) || typeof(JsonNode).IsAssignableFrom(underlying))
        {
            return "Object";
        }

        if (underlying.IsArray)
        {
            return GetAlias(underlying.GetElementType()!) + "[]";
        }

        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var element]
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying))
        {
            return GetAlias(element) + "[]";
        }

        return underlying.Name;
    }
}
