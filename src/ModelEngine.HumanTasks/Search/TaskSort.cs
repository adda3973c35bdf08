namespace ModelEngine.HumanTasks.Search;

/// <summary>The order of search results: one field and a direction, with the task id in the same direction after it.</summary>
public sealed record TaskSort(TaskSortField Field, bool Descending)
{
    /// <summary>Oldest first, the order when a request names none.</summary>
    public static TaskSort Default { get; } = new(TaskSortField.CreatedAt, Descending: false);

    /// <summary>The sort as text, such as <c>dueAt:asc</c>; <see cref="TaskSearchParser.ParseSort"/> reads it back.</summary>
    public override string ToString() => $"{char.ToLowerInvariant(Field.ToString()[0])}{Field.ToString()[1..]}:{(Descending ? "desc" : "asc")}";
}
