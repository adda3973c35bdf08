namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>One tool call of an agent run.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">The arguments as JSON text.</param>
/// <param name="Result">The result as text, or the error message when <paramref name="Failed"/>.</param>
/// <param name="Failed">Whether the tool threw.</param>
internal sealed record ToolCallRecord(string Name, string Arguments, string Result, bool Failed);
