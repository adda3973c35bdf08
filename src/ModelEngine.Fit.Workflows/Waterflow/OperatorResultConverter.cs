using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Workflows.Waterflow;

/// <summary>Converts an operator's result to the type a Waterflow node emits.</summary>
internal static class OperatorResultConverter
{
    /// <exception cref="InvalidCastException">The result does not convert. The message names the genericable and both types.</exception>
    public static TResult Convert<TResult>(object? result, string genericableId)
    {
        switch (result)
        {
            case TResult typed:
                return typed;

            case null:
                return default!;

            case FitPayload payload:
                // The payload's memory is valid only until it is released, so the node emits a copy.
                using (payload)
                {
                    return FromPayload<TResult>(payload, genericableId);
                }

            case JsonElement element:
                return element.Deserialize<TResult>()!;

            case JsonNode node:
                return node.Deserialize<TResult>()!;

            case IConvertible when typeof(IConvertible).IsAssignableFrom(Nullable.GetUnderlyingType(typeof(TResult)) ?? typeof(TResult)):
                return (TResult)System.Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(TResult)) ?? typeof(TResult), CultureInfo.InvariantCulture);

            default:
                throw Mismatch<TResult>(result.GetType(), genericableId);
        }
    }

    private static TResult FromPayload<TResult>(FitPayload payload, string genericableId)
    {
        if (typeof(TResult) == typeof(string))
        {
            return (TResult)(object)payload.GetString();
        }

        if (typeof(TResult) == typeof(byte[]))
        {
            return (TResult)(object)payload.Memory.ToArray();
        }

        if (typeof(TResult) == typeof(ReadOnlyMemory<byte>))
        {
            return (TResult)(object)new ReadOnlyMemory<byte>(payload.Memory.ToArray());
        }

        throw Mismatch<TResult>(typeof(FitPayload), genericableId);
    }

    private static InvalidCastException Mismatch<TResult>(Type actual, string genericableId) =>
        new($"Genericable '{genericableId}' returned a {actual.Name}, which does not convert to {typeof(TResult).Name}, the node's result type.");
}
