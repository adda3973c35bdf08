namespace ModelEngine.Workflows.Persistence;

/// <summary>A 1-based page number and a page size (default 50, at most 1000).</summary>
public readonly record struct PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Creates a request for the first page at the default size.</summary>
    public PageRequest()
        : this(1, DefaultPageSize)
    {
    }

    public int Skip => (Page - 1) * PageSize;
}
