using System.Text.Json.Nodes;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Fit.Workflows.Activities;

/// <summary>Turns an operator's result into the JSON value an instance stores in a variable.</summary>
internal static class OperatorResults
{
    /// <summary>
    /// Converts <paramref name="result"/> to JSON. A shared-memory payload is read once and released: UTF-8 payloads
    /// become a string and byte payloads a base64 string, as byte arrays are.
    /// </summary>
    public static JsonNode? ToJson(object? result)
    {
        switch (result)
        {
            case null:
                return null;

            case FitPayload payload:
                using (payload)
                {
                    return payload.Encoding == PayloadEncoding.Utf8
                        ? JsonValue.Create(payload.GetString())
                        : JsonValue.Create(Convert.ToBase64String(payload.Span));
                }

            case ReadOnlyMemory<byte> bytes:
                return JsonValue.Create(Convert.ToBase64String(bytes.Span));

            default:
                return JsonValueFactory.From(result);
        }
    }
}
