using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>The outcome of an agent run.</summary>
/// <param name="Messages">Every message the run added: the model's responses, tool calls and tool results, in order.</param>
/// <param name="Text">The text of the final response, or empty when the run stopped at the step limit.</param>
/// <param name="Steps">The number of model calls made.</param>
/// <param name="ToolCalls">The number of tool calls run.</param>
/// <param name="StepLimitReached">Whether the model still requested tools when the step limit was reached.</param>
public sealed record AgentResult(IReadOnlyList<ChatMessage> Messages, string Text, int Steps, int ToolCalls, bool StepLimitReached);
