namespace ModelEngine.HumanTasks.Inbox;

/// <summary>A task operation carried invalid input, such as an outcome the task does not offer. The API returns 400.</summary>
public sealed class TaskValidationException : Exception
{
    public TaskValidationException(string field, string? value, string message)
        : this(field, value, message, [])
    {
    }

    public TaskValidationException(string field, string? value, string message, IReadOnlyList<TaskSchemaError> errors)
        : base(message)
    {
        Field = field;
        Value = value;
        Errors = errors;
    }

    public string Field { get; }

    public string? Value { get; }

    /// <summary>The failed schema checks when form data does not satisfy the task's schema; otherwise empty.</summary>
    public IReadOnlyList<TaskSchemaError> Errors { get; }
}
