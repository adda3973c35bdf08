namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// A resume named a bookmark that the instance does not hold, usually because it was already consumed. Nothing was
/// executed. The API returns 409.
/// </summary>
public sealed class BookmarkNotFoundException : Exception
{
    public BookmarkNotFoundException(string instanceId, string bookmarkId)
        : base($"Workflow instance '{instanceId}' has no bookmark '{bookmarkId}'; it was already resumed or the instance ended.")
    {
        InstanceId = instanceId;
        BookmarkId = bookmarkId;
    }

    public string InstanceId { get; }

    public string BookmarkId { get; }
}
