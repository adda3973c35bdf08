using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One journal record, with its payload as JSON rather than as a string.</summary>
public sealed record JournalEntryResponse(
    long Sequence,
    DateTimeOffset Timestamp,
    string EventName,
    string? ActivityId,
    string? ActivityType,
    string? Message,
    JsonNode? Payload)
{
    public static JournalEntryResponse From(JournalEntry entry) => new(
        entry.Sequence,
        entry.Timestamp,
        entry.EventName,
        entry.ActivityId,
        entry.ActivityType,
        entry.Message,
        ParsePayload(entry.PayloadJson));

    private static JsonNode? ParsePayload(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // A payload that is not JSON is shown as the text it is.
            return JsonValue.Create(json);
        }
    }
}
