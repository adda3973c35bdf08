using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// The position after the last task of a page: its sort key and id under <see cref="Sort"/>. The next page starts after
/// that position (keyset paging), so tasks that are claimed or created meanwhile neither repeat nor push others out.
/// </summary>
/// <param name="Sort">The sort the cursor was made for; a request with another sort rejects it.</param>
/// <param name="Key">
/// The last task's sort key: UTC ticks for a date, the value for <see cref="TaskSortField.Priority"/>, or
/// <see langword="null"/> when the task has no value and sorts among the empty values at the end. Always
/// <see langword="null"/> for <see cref="TaskSortField.Title"/>, whose key is <see cref="TitleKey"/>.
/// </param>
/// <param name="Id">The last task's id, which breaks ties.</param>
public sealed record TaskSearchCursor(TaskSort Sort, long? Key, string Id)
{
    private const string Version = "v1";

    /// <summary>
    /// The last task's lower-case title when the sort is <see cref="TaskSortField.Title"/>, otherwise
    /// <see langword="null"/>. A database search stores the title as the database lowered it, so that the next page
    /// compares it with the same lowering.
    /// </summary>
    public string? TitleKey { get; init; }

    /// <summary>The cursor of <paramref name="task"/> as the last row of a page sorted by <paramref name="sort"/>.</summary>
    public static TaskSearchCursor After(HumanTask task, TaskSort sort)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(sort);
        return new TaskSearchCursor(sort, KeyOf(task, sort.Field), task.Id)
        {
            TitleKey = sort.Field == TaskSortField.Title ? TitleKeyOf(task) : null,
        };
    }

    /// <summary>The title sort key of a task in memory: the title in lower case (invariant culture).</summary>
    public static string TitleKeyOf(HumanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Title.ToLowerInvariant();
    }

    /// <summary>The sort key of a task as <see cref="Key"/> contains it.</summary>
    public static long? KeyOf(HumanTask task, TaskSortField field)
    {
        ArgumentNullException.ThrowIfNull(task);
        return field switch
        {
            TaskSortField.CreatedAt => task.CreatedAt.UtcTicks,
            TaskSortField.DueAt => task.DueAt?.UtcTicks,
            TaskSortField.FollowUpAt => task.FollowUpAt?.UtcTicks,
            TaskSortField.Priority => task.Priority,
            TaskSortField.Title => null,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field."),
        };
    }

    /// <summary>The opaque text form that clients send back as <c>cursor</c>.</summary>
    public string Encode()
    {
        // A title can contain the separator, so it travels Base64Url-encoded.
        var key = Sort.Field == TaskSortField.Title
            ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TitleKey ?? string.Empty))
            : Key?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var text = string.Join('|', Version, Sort.ToString(), key, Id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/>.</summary>
    /// <exception cref="TaskValidationException">The text is not a cursor of this server.</exception>
    public static TaskSearchCursor Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 4);
        }
        catch (FormatException)
        {
            throw Invalid(cursor);
        }

        if (parts.Length != 4 || parts[0] != Version || parts[3].Length == 0)
        {
            throw Invalid(cursor);
        }

        var separator = parts[1].IndexOf(':', StringComparison.Ordinal);
        if (separator < 0
            || !TaskSearchParser.TryParseSort(parts[1][..separator], parts[1][(separator + 1)..], out var sort))
        {
            throw Invalid(cursor);
        }

        if (sort.Field == TaskSortField.Title)
        {
            return new TaskSearchCursor(sort, null, parts[3]) { TitleKey = DecodeTitle(parts[2], cursor) };
        }

        long? key = null;
        if (parts[2].Length > 0)
        {
            if (!long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw Invalid(cursor);
            }

            key = value;
        }

        return new TaskSearchCursor(sort, key, parts[3]);
    }

    private static string DecodeTitle(string encoded, string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            throw Invalid(cursor);
        }
    }

    private static TaskValidationException Invalid(string cursor) => new(
        "cursor", cursor, "The cursor is not one this server issued. Send the nextCursor of the previous page unchanged, or omit it to start from the first page.");
}
