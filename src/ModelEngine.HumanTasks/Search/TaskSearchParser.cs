using System.Diagnostics.CodeAnalysis;
using ModelEngine.HumanTasks.Inbox;

namespace ModelEngine.HumanTasks.Search;

/// <summary>Reads the text forms of sorts and checks search requests, rejecting bad input with the field that is wrong.</summary>
public static class TaskSearchParser
{
    /// <summary>The sort field names a request may use.</summary>
    public static readonly IReadOnlyList<string> SortFieldNames = ["createdAt", "dueAt", "followUpAt", "priority", "title"];

    /// <summary>Reads a sort from a field name such as <c>dueAt</c> and a direction <c>asc</c> or <c>desc</c> (default asc).</summary>
    /// <exception cref="TaskValidationException">The field or the direction is unknown.</exception>
    public static TaskSort ParseSort(string? field, string? direction)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return TaskSort.Default;
        }

        if (!TryParseField(field, out var sortField))
        {
            throw new TaskValidationException("sort.field", field, $"Unknown sort field '{field}'. Use one of {string.Join(", ", SortFieldNames)}.");
        }

        if (!TryParseDirection(direction, out var descending))
        {
            throw new TaskValidationException("sort.direction", direction, $"Unknown sort direction '{direction}'. Use asc or desc.");
        }

        return new TaskSort(sortField, descending);
    }

    /// <summary>Reads a sort as <see cref="TaskSort.ToString"/> writes it, such as <c>dueAt:desc</c>.</summary>
    /// <exception cref="TaskValidationException">The text is not a sort.</exception>
    public static TaskSort ParseSort(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TaskSort.Default;
        }

        var separator = text.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? ParseSort(text, null) : ParseSort(text[..separator], text[(separator + 1)..]);
    }

    public static bool TryParseSort(string field, string? direction, [NotNullWhen(true)] out TaskSort? sort)
    {
        sort = null;
        if (!TryParseField(field, out var sortField) || !TryParseDirection(direction, out var descending))
        {
            return false;
        }

        sort = new TaskSort(sortField, descending);
        return true;
    }

    /// <summary>Checks the paging and filter values of a request that the type system cannot.</summary>
    /// <exception cref="TaskValidationException">A value is out of range.</exception>
    public static void Validate(TaskSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 1 or > TaskSearchRequest.MaxPageSize)
        {
            throw new TaskValidationException("pageSize", request.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"pageSize must be between 1 and {TaskSearchRequest.MaxPageSize}. Page through larger results with nextCursor.");
        }

        if (request.Offset < 0)
        {
            throw new TaskValidationException("offset", request.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "offset must be 0 or more.");
        }

        if (request.Cursor is { } cursor && request.Offset > 0)
        {
            throw new TaskValidationException("offset", request.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Send either offset or cursor, not both. A cursor already marks where the next page starts.");
        }

        if (request.Cursor is { } sorted && sorted.Sort != request.Sort)
        {
            throw new TaskValidationException("cursor", sorted.Encode(),
                $"The cursor was issued for sort {sorted.Sort}, but the request sorts by {request.Sort}. Repeat the sort of the first page, or start again without a cursor.");
        }

        var filter = request.Filter;
        if (filter.MinPriority is { } min && filter.MaxPriority is { } max && min > max)
        {
            throw new TaskValidationException("filter.minPriority", min.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"minPriority {min} is above maxPriority {max}. Set minPriority at or below maxPriority, or both equal for an exact priority.");
        }

        if (filter.Text is { Length: > TaskSearchFilter.MaxTextLength } text)
        {
            throw new TaskValidationException("filter.text", text,
                $"filter.text is {text.Length} characters long. Send at most {TaskSearchFilter.MaxTextLength} characters.");
        }

        for (var i = 0; i < filter.Variables.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(filter.Variables[i].Name))
            {
                throw new TaskValidationException($"filter.variables[{i}].name", filter.Variables[i].Name,
                    "A variable filter needs the name of a process variable.");
            }
        }
    }

    private static bool TryParseField(string field, out TaskSortField sortField)
    {
        sortField = default;
        var index = SortFieldNames.ToList().FindIndex(name => string.Equals(name, field, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return false;
        }

        sortField = Enum.Parse<TaskSortField>(SortFieldNames[index], ignoreCase: true);
        return true;
    }

    private static bool TryParseDirection(string? direction, out bool descending)
    {
        descending = false;
        if (string.IsNullOrWhiteSpace(direction) || string.Equals(direction, "asc", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        descending = string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase);
        return descending;
    }
}
