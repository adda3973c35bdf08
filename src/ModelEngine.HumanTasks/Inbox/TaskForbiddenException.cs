namespace ModelEngine.HumanTasks.Inbox;

/// <summary>The caller may see the task but not perform the operation. The API returns 403.</summary>
public sealed class TaskForbiddenException : Exception
{
    public TaskForbiddenException(string message)
        : base(message)
    {
    }
}
