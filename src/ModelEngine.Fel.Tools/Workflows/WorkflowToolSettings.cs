namespace ModelEngine.Fel.Tools;

/// <summary>Settings of the workflow tools, read from <c>Fel:Tools</c>.</summary>
public sealed class WorkflowToolSettings
{
    /// <summary>The wait when <c>Fel:Tools:WorkflowTimeout</c> is not set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The definition ids to expose (<c>Fel:Tools:Workflows</c>). An empty list exposes none.</summary>
    public IReadOnlyList<string> DefinitionIds { get; init; } = [];

    /// <summary>
    /// How long a tool call waits for its instance to finish or suspend (<c>Fel:Tools:WorkflowTimeout</c>). After it
    /// the call returns the status <c>running</c> and the instance goes on in the background.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The initiator recorded on instances the tools start.</summary>
    public string Initiator { get; init; } = "fel-agent";

    /// <summary>The clock for the timeout and the poll interval.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
