using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Describes the parameters of a genericable as a tool: the JSON schema the model fills in, and for each parameter
/// whether it is required and which default it takes when the model leaves it out.
/// </summary>
internal sealed class FitOperatorSchema
{
    private FitOperatorSchema(string description, IReadOnlyList<FitToolParameter> parameters, JsonElement schema)
    {
        Description = description;
        Parameters = parameters;
        Schema = schema;
    }

    /// <summary>The tool description: the method's [Description] when there is one, and the genericable id.</summary>
    public string Description { get; }

    /// <summary>The parameters in the genericable's positional order.</summary>
    public IReadOnlyList<FitToolParameter> Parameters { get; }

    /// <summary>The normalised JSON schema of the tool's arguments.</summary>
    public JsonElement Schema { get; }

    /// <summary>
    /// Builds the schema. Parameters of a .NET contract get their JSON type from their .NET type, their description
    /// from <see cref="DescriptionAttribute"/> and are required unless they have a default value. Parameters of a
    /// contract declared for another language get their type from <see cref="FitValueType"/> and are all required.
    /// </summary>
    public static FitOperatorSchema Create(GenericableDescriptor genericable)
    {
        var methodParameters = genericable.Method?.GetParameters() ?? [];
        var parameters = new List<FitToolParameter>(genericable.Parameters.Count);
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var parameter in genericable.Parameters)
        {
            var info = methodParameters.FirstOrDefault(candidate => candidate.Name == parameter.Name);
            var description = info?.GetCustomAttribute<DescriptionAttribute>()?.Description;
            var hasDefault = info is { HasDefaultValue: true };
            var defaultValue = hasDefault ? info!.DefaultValue : null;
            properties[parameter.Name] = PropertySchema(parameter, description, hasDefault, defaultValue);
            if (!hasDefault)
            {
                required.Add(parameter.Name);
            }

            parameters.Add(new FitToolParameter(parameter, !hasDefault, defaultValue));
        }

        // For a .NET contract the whole schema is generated from the method, so that types used by several parameters
        // share one definition and their references resolve from the schema's root.
        var schema = genericable.Method is { } method ? MethodSchema(method, properties) : new JsonObject { ["type"] = "object", ["properties"] = properties };
        schema.Remove("required");
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        var summary = genericable.Method?.GetCustomAttribute<DescriptionAttribute>()?.Description;
        var text = summary is { Length: > 0 }
            ? $"{summary} (FIT operator '{genericable.Id}')"
            : $"Calls the FIT operator '{genericable.Id}'.";
        return new FitOperatorSchema(text, parameters, JsonSerializer.SerializeToElement(ToolSchemas.Normalize(schema)));
    }

    /// <summary>
    /// Returns the schema <see cref="AIJsonUtilities.CreateFunctionJsonSchema"/> generates for <paramref name="method"/>,
    /// with the properties of byte parameters and any property it left out taken from <paramref name="fallback"/>.
    /// </summary>
    private static JsonObject MethodSchema(MethodInfo method, JsonObject fallback)
    {
        var generated = AIJsonUtilities.CreateFunctionJsonSchema(method, serializerOptions: AIJsonUtilities.DefaultOptions);
        var schema = JsonNode.Parse(generated.GetRawText()) as JsonObject ?? [];
        schema.Remove("title");
        schema.Remove("description");
        var properties = new JsonObject();
        var generatedProperties = schema["properties"] as JsonObject;
        foreach (var (name, property) in fallback)
        {
            var keepFallback = property is JsonObject own && own["contentEncoding"] is not null;
            properties[name] = (keepFallback ? property : generatedProperties?[name] ?? property)?.DeepClone();
        }

        schema["type"] = "object";
        schema["properties"] = properties;
        return schema;
    }

    private static JsonNode PropertySchema(FitParameter parameter, string? description, bool hasDefault, object? defaultValue)
    {
        JsonObject schema;
        var type = parameter.ClrType;
        if (type is null || type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) || type == typeof(Memory<byte>) || parameter.Type == FitValueType.Bytes)
        {
            schema = parameter.Type switch
            {
                FitValueType.String => new JsonObject { ["type"] = "string" },
                FitValueType.Bytes => new JsonObject { ["type"] = "string", ["contentEncoding"] = "base64" },
                _ => [],
            };
            if (description is not null)
            {
                schema["description"] = description;
            }
        }
        else
        {
            var element = AIJsonUtilities.CreateJsonSchema(type, description, hasDefault, defaultValue, AIJsonUtilities.DefaultOptions);
            schema = JsonNode.Parse(element.GetRawText()) as JsonObject ?? [];
        }

        // The generator adds a "$schema" keyword to every schema it returns, which is only allowed at a document root.
        schema.Remove("$schema");
        return schema;
    }
}
