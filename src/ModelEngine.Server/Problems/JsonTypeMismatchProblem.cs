using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Problems;

/// <summary>
/// Builds the 400 problem for a well-formed JSON body whose field has the wrong JSON type, such as a number where the
/// contract expects a string. The message names the field, the JSON kind that was sent and the expected type in plain
/// words, without .NET type names.
/// </summary>
internal static partial class JsonTypeMismatchProblem
{
    /// <summary>
    /// Returns whether <paramref name="json"/> reports a type mismatch. System.Text.Json wraps a syntax error from the
    /// reader in a JsonException whose inner exception is the reader's JsonException, so any other shape is a
    /// conversion failure.
    /// </summary>
    public static bool IsTypeMismatch(JsonException json) => json.InnerException is not JsonException;

    public static ProblemDetails Create(HttpContext context, JsonException json)
    {
        var path = json.Path ?? "$";
        var expected = DescribeExpectedType(context, path);
        var received = DescribeReceivedKind(json);
        var field = path == "$" ? "The request body" : $"Field '{path}'";
        var sent = received is null ? "a value of another type" : received;
        var detail = expected is null
            ? $"{field} has the wrong JSON type: the request sent {sent}. Send the type that docs/api.md lists for '{path}'."
            : $"{field} must be {expected}, but the request sent {sent}. Send {expected} for '{path}'.";

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "A request body field has the wrong JSON type.",
            Detail = detail,
        };
        problem.Extensions["jsonPath"] = path;
        if (received is not null)
        {
            problem.Extensions["receivedKind"] = received;
        }

        if (expected is not null)
        {
            problem.Extensions["expectedType"] = expected;
        }

        if (json.LineNumber is { } line)
        {
            // JsonException counts lines and bytes from zero; editors count lines from one.
            problem.Extensions["line"] = line + 1;
            problem.Extensions["bytePositionInLine"] = (json.BytePositionInLine ?? 0) + 1;
        }

        return problem;
    }

    private static string? DescribeReceivedKind(JsonException json)
    {
        // The converters report the token they found only in the inner exception's message, e.g.
        // "Cannot get the value of a token type 'Number' as a string." (System.Text.Json 10).
        if (json.InnerException is InvalidOperationException { Message: var message } && TokenTypePattern().Match(message) is { Success: true } match)
        {
            return match.Groups["token"].Value switch
            {
                "Number" => "a number",
                "String" => "a string",
                "True" or "False" => "a boolean",
                "Null" => "null",
                "StartObject" => "an object",
                "StartArray" => "an array",
                _ => null,
            };
        }

        // A FormatException means the token had the right JSON kind (a string) but text the type cannot parse.
        return json.InnerException is FormatException ? "a string in another format" : null;
    }

    private static string? DescribeExpectedType(HttpContext context, string path)
    {
        // The exception handler middleware clears the endpoint before it runs the handlers, but keeps it on the feature.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions;
        if (requestType is null || options is null)
        {
            return null;
        }

        var type = requestType;
        foreach (var segment in SegmentPattern().Matches(path).Select(match => match.Groups["name"].Value))
        {
            if (!options.TryGetTypeInfo(type, out var typeInfo))
            {
                return null;
            }

            if (segment.Length == 0)
            {
                // An array index or dictionary key: the value has the collection's element type.
                if (typeInfo.ElementType is not { } elementType)
                {
                    return null;
                }

                type = elementType;
                continue;
            }

            var property = typeInfo.Kind == JsonTypeInfoKind.Object
                ? typeInfo.Properties.FirstOrDefault(candidate => string.Equals(candidate.Name, segment, StringComparison.OrdinalIgnoreCase))
                : null;
            if (property is null)
            {
                return typeInfo.Kind == JsonTypeInfoKind.Dictionary && typeInfo.ElementType is { } valueType ? Describe(valueType, options) : null;
            }

            type = property.PropertyType;
        }

        return Describe(type, options);
    }

    private static string? Describe(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            // WorkflowJson registers JsonStringEnumConverter without a naming policy, so the names are the C# names.
            return $"a string, one of: {string.Join(", ", Enum.GetNames(type))}";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.Boolean => "a boolean (true or false)",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.DateTime => "a date-time string in ISO 8601 (for example \"2026-01-31T09:00:00Z\")",
            _ when type == typeof(DateTimeOffset) => "a date-time string in ISO 8601 (for example \"2026-01-31T09:00:00Z\")",
            _ when type == typeof(DateOnly) => "a date string in ISO 8601 (for example \"2026-01-31\")",
            _ when type == typeof(TimeSpan) => "a duration string such as \"00:05:00\"",
            _ when type == typeof(Guid) => "a UUID string",
            _ when type == typeof(JsonObject) => "an object",
            _ when type == typeof(JsonArray) => "an array",
            _ when options.TryGetTypeInfo(type, out var info) => info.Kind switch
            {
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                JsonTypeInfoKind.Enumerable => "an array",
                _ => null,
            },
            _ => null,
        };
    }

    [GeneratedRegex(@"token type '(?<token>\w+)'", RegexOptions.CultureInvariant)]
    private static partial Regex TokenTypePattern();

    /// <summary>Matches the segments of a JSON path such as <c>$.items[0].name</c> or <c>$['a b']</c>. An array index yields an empty name.</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>(?:[^']|'')*)'\]|\[(?<name>)\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
