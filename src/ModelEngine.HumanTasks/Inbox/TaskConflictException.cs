namespace ModelEngine.HumanTasks.Inbox;

/// <summary>The caller asked for an operation that the task's status does not allow. The API returns 409.</summary>
public sealed class TaskConflictException : Exception
{
    public TaskConflictException(string message)
        : base(message)
    {
    }
}
