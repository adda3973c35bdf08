namespace ModelEngine.HumanTasks.Inbox;

/// <summary>The caller cannot see the task or it does not exist. The API returns 404.</summary>
public sealed class TaskNotFoundException : Exception
{
    public TaskNotFoundException(string message)
        : base(message)
    {
    }
}
