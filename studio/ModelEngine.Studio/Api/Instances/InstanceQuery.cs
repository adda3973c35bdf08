namespace ModelEngine.Studio.Api.Instances;

/// <summary>The filters and page of an instance list request. Empty filters are left out of the query.</summary>
public sealed record InstanceQuery
{
    public string? Status { get; init; }

    public string? SubStatus { get; init; }

    public string? DefinitionId { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The user name of the user who started the instances.</summary>
    public string? Initiator { get; init; }

    /// <summary>The page number, from 1. Ignored when <see cref="Cursor"/> is set, because the server rejects both together.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>The <c>nextCursor</c> of the previous page, with the same filters and page size.</summary>
    public string? Cursor { get; init; }

    /// <summary>Builds the query string of <c>GET /api/workflow-instances</c>, starting with <c>?</c>.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        Add(parts, "status", Status);
        Add(parts, "subStatus", SubStatus);
        Add(parts, "definitionId", DefinitionId);
        Add(parts, "correlationId", CorrelationId);
        Add(parts, "initiator", Initiator);
        if (string.IsNullOrEmpty(Cursor))
        {
            parts.Add($"page={Page}");
        }
        else
        {
            Add(parts, "cursor", Cursor);
        }

        parts.Add($"pageSize={PageSize}");
        return "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
        }
    }
}
