namespace ModelEngine.Studio.Api;

/// <summary>A page of a server list: <c>{ items, totalCount }</c>, with <c>nextCursor</c> where the list has cursors.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount, string? NextCursor = null)
{
    public static PagedList<T> Empty { get; } = new([], 0);
}
