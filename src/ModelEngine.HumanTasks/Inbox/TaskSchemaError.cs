namespace ModelEngine.HumanTasks.Inbox;

/// <summary>One failed check of form data against a task's JSON Schema: where in the data, and why.</summary>
/// <param name="Path">A JSON Pointer into the submitted data, such as <c>/amount</c>; empty for the whole object.</param>
/// <param name="Message">What the schema expected there.</param>
public sealed record TaskSchemaError(string Path, string Message);
