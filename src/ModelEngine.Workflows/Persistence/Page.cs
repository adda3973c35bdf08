namespace ModelEngine.Workflows.Persistence;

/// <summary>One page of a list, with the total count of matching items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long TotalCount)
{
    public static Page<T> Empty { get; } = new([], 0);
}
