using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Contracts;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fit.Workflows.Activities;

/// <summary>
/// Turns the evaluated <c>arguments</c> input of an InvokeOperator activity into the positional arguments of
/// <see cref="Client.IFitClient.InvokeAsync"/>, converting each JSON value to the parameter's type when the contract
/// is known.
/// </summary>
internal static class OperatorArguments
{
    private static readonly MethodInfo s_convert = typeof(ValueConverter).GetMethod(nameof(ValueConverter.Convert))!;

    /// <summary>
    /// Binds <paramref name="arguments"/>: a JSON array is taken in parameter order, an object is matched to parameters
    /// by name (which needs <paramref name="genericable"/>), <see langword="null"/> means no arguments and any other
    /// value is the only argument.
    /// </summary>
    /// <exception cref="WorkflowFaultException">The arguments do not fit the contract. The message describes the fix.</exception>
    public static object?[] Bind(string activityId, string genericableId, GenericableDescriptor? genericable, JsonNode? arguments)
    {
        var parameters = genericable?.Parameters;
        JsonNode?[] values;
        switch (arguments)
        {
            case null:
                values = [];
                break;

            case JsonArray array:
                values = array.Select(item => item?.DeepClone()).ToArray();
                break;

            case JsonObject named when parameters is null:
                throw new WorkflowFaultException(
                    $"Activity '{activityId}' (InvokeOperator) passes named arguments ({string.Join(", ", named.Select(p => p.Key))}) to genericable '{genericableId}', " +
                    "but this server has no contract for it (no fitable of it is loaded here and none was declared), so the names cannot be put in order. " +
                    "Pass the arguments as a JSON array in parameter order.");

            case JsonObject named:
                values = ByName(activityId, genericableId, parameters!, named);
                break;

            default:
                values = [arguments.DeepClone()];
                break;
        }

        if (parameters is not null && values.Length != parameters.Count)
        {
            throw new WorkflowFaultException(
                $"Activity '{activityId}' (InvokeOperator) passes {values.Length} argument(s) to genericable '{genericableId}', which takes {parameters.Count}: " +
                $"({Describe(parameters)}).");
        }

        var result = new object?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = parameters?[i];
            try
            {
                result[i] = Convert(values[i], parameter);
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or JsonException or OverflowException or ArgumentException or InvalidOperationException)
            {
                var name = parameter is null ? $"#{i + 1}" : $"'{parameter.Name}'";
                var expected = parameter?.ClrType?.Name ?? parameter?.Type.ToString() ?? "a JSON value";
                throw new WorkflowFaultException(
                    $"Activity '{activityId}' (InvokeOperator) passes {values[i]?.ToJsonString() ?? "null"} as argument {name} of genericable '{genericableId}', " +
                    $"which is not a valid {expected}: {exception.Message}");
            }
        }

        return result;
    }

    private static JsonNode?[] ByName(string activityId, string genericableId, IReadOnlyList<FitParameter> parameters, JsonObject named)
    {
        var byName = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in named)
        {
            byName[name] = value;
        }

        var unknown = byName.Keys.Where(name => !parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))).ToList();
        var missing = parameters.Where(p => !byName.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add($"missing {string.Join(", ", missing)}");
            }

            if (unknown.Count > 0)
            {
                problems.Add($"unknown {string.Join(", ", unknown)}");
            }

            throw new WorkflowFaultException(
                $"Activity '{activityId}' (InvokeOperator) passes arguments to genericable '{genericableId}' that do not match its parameters ({Describe(parameters)}): " +
                $"{string.Join("; ", problems)}.");
        }

        return parameters.Select(p => byName[p.Name]?.DeepClone()).ToArray();
    }

    private static object? Convert(JsonNode? value, FitParameter? parameter)
    {
        if (value is null)
        {
            return null;
        }

        var target = parameter?.ClrType;
        if (target is null)
        {
            return parameter?.Type switch
            {
                FitValueType.String => ValueConverter.Convert<string>(value),
                FitValueType.Bytes => ReadBytes(value),
                _ => Plain(value),
            };
        }

        if (target == typeof(byte[]))
        {
            return ReadBytes(value);
        }

        if (target == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(ReadBytes(value));
        }

        if (target == typeof(object))
        {
            return Plain(value);
        }

        try
        {
            return s_convert.MakeGenericMethod(target).Invoke(null, [value]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Reads bytes from a base64 string or an array of numbers.</summary>
    private static byte[] ReadBytes(JsonNode value) => value switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String => System.Convert.FromBase64String(text.GetValue<string>()),
        JsonArray numbers => numbers.Select(n => n?.GetValue<byte>() ?? throw new FormatException("Invalid byte array: it contains null. Use numbers from 0 to 255.")).ToArray(),
        _ => throw new FormatException($"Invalid bytes value of kind {value.GetValueKind()}. Write bytes as a base64 string or an array of numbers from 0 to 255."),
    };

    /// <summary>Converts a JSON scalar to its .NET value (string, boolean, whole number or double). Objects and arrays stay JSON.</summary>
    private static object? Plain(JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return value;
        }

        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when scalar.TryGetValue(out long whole) => whole,
            JsonValueKind.Number => scalar.GetValue<double>(),
            _ => null,
        };
    }

    private static string Describe(IReadOnlyList<FitParameter> parameters) =>
        parameters.Count == 0 ? "no parameters" : string.Join(", ", parameters.Select(p => $"{p.Name}: {p.ClrType?.Name ?? p.Type.ToString()}"));
}
