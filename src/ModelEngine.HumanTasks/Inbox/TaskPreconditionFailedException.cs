namespace ModelEngine.HumanTasks.Inbox;

/// <summary>The caller sent an If-Match ETag that no longer matches the task. The API returns 412.</summary>
public sealed class TaskPreconditionFailedException : Exception
{
    public TaskPreconditionFailedException(string message)
        : base(message)
    {
    }
}
