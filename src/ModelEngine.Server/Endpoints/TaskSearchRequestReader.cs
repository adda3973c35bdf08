using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// Turns the JSON of a task search into a <see cref="TaskSearchRequest"/>, rejecting each bad value with its JSON path
/// and the fix.
/// </summary>
internal static class TaskSearchRequestReader
{
    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web);

    public static TaskSearchRequest Read(TaskSearchBody? body)
    {
        var pageSize = body?.PageSize ?? TaskSearchRequest.DefaultPageSize;
        if (pageSize is < 1 or > TaskSearchRequest.MaxPageSize)
        {
            throw new RequestValidationException("$.pageSize", pageSize.ToString(CultureInfo.InvariantCulture),
                $"pageSize must be between 1 and {TaskSearchRequest.MaxPageSize}. Page through larger results with nextCursor.");
        }

        var offset = body?.Offset ?? 0;
        if (offset < 0)
        {
            throw new RequestValidationException("$.offset", offset.ToString(CultureInfo.InvariantCulture), "offset must be 0 or more.");
        }

        var sort = ReadSort(body?.Sort, "$.sort");
        TaskSearchCursor? cursor = null;
        if (!string.IsNullOrEmpty(body?.Cursor))
        {
            cursor = ReadCursor(body.Cursor, sort, offset);
        }

        return new TaskSearchRequest
        {
            Filter = ReadFilter(body?.Filter, "$.filter"),
            Sort = sort,
            PageSize = pageSize,
            Offset = offset,
            Cursor = cursor,
        };
    }

    public static TaskSort ReadSort(TaskSortBody? body, string path)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Field))
        {
            return TaskSort.Default;
        }

        if (!TaskSearchParser.TryParseSort(body.Field, body.Direction, out var sort))
        {
            var fieldKnown = TaskSearchParser.TryParseSort(body.Field, null, out _);
            throw fieldKnown
                ? new RequestValidationException($"{path}.direction", body.Direction, $"Unknown sort direction '{body.Direction}'. Use asc or desc.")
                : new RequestValidationException($"{path}.field", body.Field,
                    $"Unknown sort field '{body.Field}'. Use one of {string.Join(", ", TaskSearchParser.SortFieldNames)}.");
        }

        return sort;
    }

    /// <summary>Reads the <c>filter</c> object of a saved filter, checking it as a search would.</summary>
    public static TaskSearchFilter ReadFilter(JsonObject? filter, string path)
    {
        if (filter is null)
        {
            return new TaskSearchFilter();
        }

        TaskFilterBody? body;
        try
        {
            body = filter.Deserialize<TaskFilterBody>(FilterJson);
        }
        catch (JsonException exception)
        {
            var member = exception.Path is { Length: > 1 } memberPath ? memberPath[1..] : string.Empty;
            throw new RequestValidationException($"{path}{member}", filter.ToJsonString(),
                $"The saved filter is not a valid search filter: {exception.Message} Send the filter object of a search request.");
        }

        return ReadFilter(body, path);
    }

    public static TaskSearchFilter ReadFilter(TaskFilterBody? body, string path)
    {
        if (body is null)
        {
            return new TaskSearchFilter();
        }

        var statuses = new List<HumanTaskStatus>();
        for (var i = 0; i < (body.Status?.Count ?? 0); i++)
        {
            var text = body.Status![i];
            if (!Enum.TryParse<HumanTaskStatus>(text, ignoreCase: true, out var status) || int.TryParse(text, out _))
            {
                throw new RequestValidationException($"{path}.status[{i}]", text,
                    $"Unknown task status '{text}'. Use one of {string.Join(", ", Enum.GetNames<HumanTaskStatus>())}.");
            }

            statuses.Add(status);
        }

        var minPriority = body.MinPriority;
        var maxPriority = body.MaxPriority;
        if (body.Priority is { } exact)
        {
            if (minPriority is not null || maxPriority is not null)
            {
                throw new RequestValidationException($"{path}.priority", exact.ToString(CultureInfo.InvariantCulture),
                    "Send either priority (an exact match) or minPriority and maxPriority (a range), not both.");
            }

            minPriority = exact;
            maxPriority = exact;
        }

        if (minPriority > maxPriority)
        {
            throw new RequestValidationException($"{path}.minPriority", minPriority?.ToString(CultureInfo.InvariantCulture),
                $"minPriority {minPriority} is above maxPriority {maxPriority}. Set minPriority at or below maxPriority.");
        }

        var searchText = body.Text?.Trim();
        if (searchText is { Length: > TaskSearchFilter.MaxTextLength })
        {
            throw new RequestValidationException($"{path}.text", body.Text,
                $"filter.text is {searchText.Length} characters long after trimming. Send at most {TaskSearchFilter.MaxTextLength} characters.");
        }

        return new TaskSearchFilter
        {
            Status = statuses,
            Assignee = Optional(body.Assignee),
            CandidateOfMe = body.CandidateOfMe ?? false,
            Group = Optional(body.Group),
            DefinitionId = Optional(body.DefinitionId),
            WorkflowInstanceId = Optional(body.WorkflowInstanceId),
            DueBefore = ReadDate(body.DueBefore, $"{path}.dueBefore"),
            DueAfter = ReadDate(body.DueAfter, $"{path}.dueAfter"),
            MinPriority = minPriority,
            MaxPriority = maxPriority,
            Variables = ReadVariables(body.Variables, $"{path}.variables"),
            Text = Optional(searchText),
        };
    }

    /// <summary>Reads an ISO 8601 instant; a value without an offset is rejected because its time zone would be a guess.</summary>
    public static DateTimeOffset? ReadDate(string? text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            || text.IndexOf('T', StringComparison.OrdinalIgnoreCase) < 0)
        {
            throw new RequestValidationException(path, text,
                $"'{text}' is not an ISO 8601 date and time with an offset. Send a value such as 2026-03-01T09:00:00Z.");
        }

        return value;
    }

    private static TaskSearchCursor ReadCursor(string text, TaskSort sort, int offset)
    {
        if (offset > 0)
        {
            throw new RequestValidationException("$.offset", offset.ToString(CultureInfo.InvariantCulture),
                "Send either offset or cursor, not both. A cursor already marks where the next page starts.");
        }

        TaskSearchCursor cursor;
        try
        {
            cursor = TaskSearchCursor.Decode(text);
        }
        catch (HumanTasks.Inbox.TaskValidationException invalid)
        {
            throw new RequestValidationException("$.cursor", text, invalid.Message);
        }

        if (cursor.Sort != sort)
        {
            throw new RequestValidationException("$.cursor", text,
                $"The cursor was issued for sort {cursor.Sort}, but this request sorts by {sort}. Repeat the sort of the first page, or start again without a cursor.");
        }

        return cursor;
    }

    private static List<VariableFilter> ReadVariables(IReadOnlyList<VariableFilterBody>? bodies, string path)
    {
        var filters = new List<VariableFilter>();
        for (var i = 0; i < (bodies?.Count ?? 0); i++)
        {
            var body = bodies![i];
            if (body is null)
            {
                throw new RequestValidationException($"{path}[{i}]", null,
                    "A variable filter is an object such as { \"name\": \"region\", \"op\": \"equals\", \"value\": \"EU\" }, not null.");
            }

            if (string.IsNullOrWhiteSpace(body.Name))
            {
                throw new RequestValidationException($"{path}[{i}].name", body.Name, "A variable filter needs 'name', the name of a process variable.");
            }

            VariableFilterOperator op;
            if (string.IsNullOrEmpty(body.Op) || string.Equals(body.Op, "equals", StringComparison.OrdinalIgnoreCase))
            {
                op = VariableFilterOperator.Equals;
            }
            else if (string.Equals(body.Op, "contains", StringComparison.OrdinalIgnoreCase))
            {
                op = VariableFilterOperator.Contains;
            }
            else
            {
                throw new RequestValidationException($"{path}[{i}].op", body.Op, $"Unknown variable operator '{body.Op}'. Use equals or contains.");
            }

            if (body.Value is null)
            {
                throw new RequestValidationException($"{path}[{i}].value", null,
                    "A variable filter needs 'value' as a string; write numbers and booleans as their JSON text, such as \"42\" or \"true\".");
            }

            filters.Add(new VariableFilter(body.Name, op, body.Value));
        }

        return filters;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
