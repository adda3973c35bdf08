namespace ModelEngine.Studio.Api.Instances;

/// <summary>A fault recorded on an instance: the activity that failed and the error message.</summary>
public sealed record InstanceIncident
{
    public string? ActivityId { get; init; }

    public string? ActivityType { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
