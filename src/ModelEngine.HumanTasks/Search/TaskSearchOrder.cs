using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Search;

/// <summary>The order of search results in memory, the same as the database order: key, empty keys last, then id.</summary>
internal static class TaskSearchOrder
{
    public static IEnumerable<HumanTask> Sort(IEnumerable<HumanTask> tasks, TaskSort sort)
    {
        if (sort.Field == TaskSortField.Title)
        {
            return sort.Descending
                ? tasks.OrderByDescending(TaskSearchCursor.TitleKeyOf, StringComparer.Ordinal).ThenByDescending(task => task.Id, StringComparer.Ordinal)
                : tasks.OrderBy(TaskSearchCursor.TitleKeyOf, StringComparer.Ordinal).ThenBy(task => task.Id, StringComparer.Ordinal);
        }

        var withEmptyLast = tasks.OrderBy(task => TaskSearchCursor.KeyOf(task, sort.Field) is null);
        return sort.Descending
            ? withEmptyLast.ThenByDescending(task => TaskSearchCursor.KeyOf(task, sort.Field)).ThenByDescending(task => task.Id, StringComparer.Ordinal)
            : withEmptyLast.ThenBy(task => TaskSearchCursor.KeyOf(task, sort.Field)).ThenBy(task => task.Id, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="task"/> comes after the cursor's position in the cursor's order.</summary>
    public static bool IsAfter(HumanTask task, TaskSearchCursor cursor)
    {
        var key = TaskSearchCursor.KeyOf(task, cursor.Sort.Field);
        var sign = cursor.Sort.Descending ? -1 : 1;
        var idOrder = sign * string.CompareOrdinal(task.Id, cursor.Id);
        if (cursor.Sort.Field == TaskSortField.Title)
        {
            var titleOrder = sign * string.CompareOrdinal(TaskSearchCursor.TitleKeyOf(task), cursor.TitleKey);
            return titleOrder > 0 || (titleOrder == 0 && idOrder > 0);
        }

        if (cursor.Key is not { } last)
        {
            return key is null && idOrder > 0;
        }

        if (key is not { } value)
        {
            return true;
        }

        var keyOrder = sign * value.CompareTo(last);
        return keyOrder > 0 || (keyOrder == 0 && idOrder > 0);
    }
}
