using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// A FIT genericable as a tool. The model's named arguments are put in parameter order, converted to the parameter
/// types and passed to <see cref="IFitClient.InvokeAsync"/>. A failed call throws <see cref="FelToolException"/> with
/// the FIT message.
/// </summary>
internal sealed class FitOperatorTool : AIFunction
{
    private static readonly MethodInfo s_convert = typeof(ValueConverter).GetMethod(nameof(ValueConverter.Convert))!;

    private readonly IFitClient _client;
    private readonly FitOperatorSchema _schema;
    private readonly Dictionary<string, object?> _properties;

    public FitOperatorTool(IFitClient client, GenericableDescriptor genericable, string name, string sourceName)
    {
        _client = client;
        GenericableId = genericable.Id;
        Name = name;
        _schema = FitOperatorSchema.Create(genericable);
        _properties = new Dictionary<string, object?>
        {
            [FelToolProperties.Source] = sourceName,
            [FelToolProperties.Id] = genericable.Id,
        };
    }

    /// <summary>The genericable this tool calls.</summary>
    public string GenericableId { get; }

    public override string Name { get; }

    public override string Description => _schema.Description;

    public override JsonElement JsonSchema => _schema.Schema;

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var positional = Bind(arguments);
        try
        {
            return await _client.InvokeAsync(GenericableId, positional, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (FitException exception)
        {
            throw new FelToolException(Name, $"The FIT operator '{GenericableId}' failed ({exception.Code}): {exception.Message}", exception);
        }
    }

    /// <summary>Puts the named arguments in parameter order. Names match case-insensitively.</summary>
    private object?[] Bind(AIFunctionArguments arguments)
    {
        var byName = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in arguments)
        {
            byName[key] = value;
        }

        var parameters = _schema.Parameters;
        var unknown = byName.Keys.Where(key => !parameters.Any(p => string.Equals(p.Parameter.Name, key, StringComparison.OrdinalIgnoreCase))).ToList();
        var missing = parameters.Where(p => p.Required && !byName.ContainsKey(p.Parameter.Name)).Select(p => p.Parameter.Name).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add($"missing required argument(s) {string.Join(", ", missing)}");
            }

            if (unknown.Count > 0)
            {
                problems.Add($"unknown argument(s) {string.Join(", ", unknown)}");
            }

            throw new FelToolException(Name, $"Invalid arguments for tool '{Name}': {string.Join("; ", problems)}. It takes: {Describe(parameters)}.");
        }

        var result = new object?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (!byName.TryGetValue(parameter.Parameter.Name, out var value))
            {
                result[i] = parameter.DefaultValue;
                continue;
            }

            try
            {
                result[i] = Convert(ToNode(value), parameter.Parameter);
            }
            catch (Exception exception) when (exception is FormatException or InvalidCastException or JsonException or OverflowException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                var expected = parameter.Parameter.ClrType?.Name ?? parameter.Parameter.Type.ToString();
                throw new FelToolException(Name, $"Invalid argument '{parameter.Parameter.Name}' for tool '{Name}': {ToNode(value)?.ToJsonString() ?? "null"} is not a valid {expected} ({exception.Message}).", exception);
            }
        }

        return result;
    }

    /// <summary>Turns an argument into JSON, whether the caller passed a <see cref="JsonElement"/> or a .NET value.</summary>
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), AIJsonUtilities.DefaultOptions),
    };

    private static object? Convert(JsonNode? value, FitParameter parameter)
    {
        if (value is null)
        {
            return null;
        }

        var target = parameter.ClrType;
        if (target == typeof(byte[]) || (target is null && parameter.Type == FitValueType.Bytes))
        {
            return ReadBytes(value);
        }

        if (target == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(ReadBytes(value));
        }

        if (target is null)
        {
            return parameter.Type == FitValueType.String ? ValueConverter.Convert<string>(value) : value;
        }

        if (target == typeof(object))
        {
            return value;
        }

        try
        {
            return s_convert.MakeGenericMethod(target).Invoke(null, [value]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static byte[] ReadBytes(JsonNode value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? System.Convert.FromBase64String(text.GetValue<string>())
            : throw new FormatException($"Invalid bytes value of kind {value.GetValueKind()}. Pass bytes as a base64 string.");

    private static string Describe(IReadOnlyList<FitToolParameter> parameters) =>
        parameters.Count == 0
            ? "no arguments"
            : string.Join(", ", parameters.Select(p => $"{p.Parameter.Name} ({p.Parameter.ClrType?.Name ?? p.Parameter.Type.ToString()}{(p.Required ? ", required" : ", optional")})"));
}
