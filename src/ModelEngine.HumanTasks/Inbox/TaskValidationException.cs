namespace ModelEngine.HumanTasks.Inbox;

/// <summary>A task operation carried invalid input, such as an outcome the task does not offer. The API returns 400.</summary>
public sealed class TaskValidationException : Exception
{
    public TaskValidationException(string field, string? value, string message)
        : base(message)
    {
        Field = field;
        Value = value;
    }

    public string Field { get; }

    public string? Value { get; }
}
