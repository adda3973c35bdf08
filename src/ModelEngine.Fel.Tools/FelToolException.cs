namespace ModelEngine.Fel.Tools;

/// <summary>
/// A tool call that failed: the operator, workflow or MCP server reported an error, or the arguments did not fit the
/// tool's parameters. The message is written for the model, which reads it as the tool's result and may retry.
/// </summary>
public sealed class FelToolException : Exception
{
    public FelToolException(string toolName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ToolName = toolName;
    }

    /// <summary>The name of the tool that failed.</summary>
    public string ToolName { get; }
}
