using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// An agent that lets a model call tools in a loop. Each tool call in a response is run and its result sent back,
/// until the model responds without tool calls or <see cref="MaxSteps"/> model calls were made.
/// </summary>
/// <remarks>
/// A tool that throws does not stop the run. Its error message goes back to the model as the tool's result, so the
/// model can correct its arguments. A call to a tool that does not exist gets an error result the same way.
/// Cancellation stops the run at once.
/// </remarks>
public sealed class FelAgent
{
    /// <summary>The step limit unless the caller sets one.</summary>
    public const int DefaultMaxSteps = 8;

    private readonly IChatClient _client;
    private readonly Dictionary<string, AIFunction> _tools;

    public FelAgent(IChatClient client, IEnumerable<AIFunction> tools, int maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        _client = client;
        _tools = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'. Tool names must be unique within one agent.", nameof(tools));
            }
        }

        MaxSteps = maxSteps;
    }

    /// <summary>The maximum number of model calls in one run.</summary>
    public int MaxSteps { get; }

    /// <summary>The tools the model may call.</summary>
    public IReadOnlyCollection<AIFunction> Tools => _tools.Values;

    /// <summary>Runs the loop on a copy of <paramref name="messages"/>.</summary>
    public async Task<AgentResult> RunAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages.ToList();
        var added = new List<ChatMessage>();
        var callOptions = options?.Clone() ?? new ChatOptions();
        callOptions.Tools = [.. _tools.Values];
        var toolCalls = 0;
        for (var step = 1; step <= MaxSteps; step++)
        {
            var response = await _client.GetResponseAsync(conversation, callOptions, cancellationToken).ConfigureAwait(false);
            conversation.AddRange(response.Messages);
            added.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return new AgentResult(added, response.Text, step, toolCalls, StepLimitReached: false);
            }

            if (step == MaxSteps)
            {
                return new AgentResult(added, string.Empty, step, toolCalls, StepLimitReached: true);
            }

            var results = new List<AIContent>(calls.Count);
            foreach (var call in calls)
            {
                toolCalls++;
                results.Add(new FunctionResultContent(call.CallId, await InvokeToolAsync(call, cancellationToken).ConfigureAwait(false)));
            }

            var toolMessage = new ChatMessage(ChatRole.Tool, results);
            conversation.Add(toolMessage);
            added.Add(toolMessage);
        }

        return new AgentResult(added, string.Empty, MaxSteps, toolCalls, StepLimitReached: true);
    }

    private async Task<object?> InvokeToolAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (!_tools.TryGetValue(call.Name, out var tool))
        {
            return $"Error: there is no tool named '{call.Name}'. The tools are: {string.Join(", ", _tools.Keys)}.";
        }

        try
        {
            return await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"Error: tool '{call.Name}' failed: {exception.Message}";
        }
    }

    /// <summary>Formats a tool result for a journal or a log: strings as they are, anything else as JSON.</summary>
    public static string DescribeResult(object? result) => result switch
    {
        null => "null",
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, result.GetType()),
    };
}
