using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore;

internal static class PageRequestExtensions
{
    /// <summary>
    /// Returns the skip and take of a page, with the page number raised to 1 and the size brought into 1 to
    /// <see cref="PageRequest.MaxPageSize"/>. A size of 0 means the default size, because <c>new PageRequest()</c> and
    /// <c>default</c> produce page 0 of size 0, not the defaults of its constructor parameters.
    /// </summary>
    public static (int Skip, int Take) ToSkipTake(this PageRequest page)
    {
        var size = page.PageSize <= 0 ? PageRequest.DefaultPageSize : Math.Min(page.PageSize, PageRequest.MaxPageSize);
        var number = Math.Max(page.Page, 1);
        return ((int)Math.Min((long)(number - 1) * size, int.MaxValue), size);
    }
}
