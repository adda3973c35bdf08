using ModelEngine.Messaging.Contracts;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Activities.Messaging;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Messaging.Consumers;

/// <summary>
/// Finds the published definitions that a message starts: those whose flowchart starts with a MessageReceived for the
/// message's type, and, when that activity names a correlation id, the message's correlation id. Only literal inputs
/// count, because an expression cannot be evaluated before an instance exists.
/// </summary>
internal sealed class MessageStartFinder
{
    private readonly IWorkflowDefinitionStore _definitions;
    private readonly WorkflowGraphCache _graphs;

    public MessageStartFinder(IWorkflowDefinitionStore definitions, WorkflowGraphCache graphs)
    {
        _definitions = definitions;
        _graphs = graphs;
    }

    /// <summary>Returns the ids of the definitions that <paramref name="message"/> starts.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(WorkflowMessage message, CancellationToken cancellationToken)
    {
        // NOTE: this reads the list of published definitions for each message and checks each cached graph. That is
        // cheap for tens of definitions; an index kept by a publication handler would serve many more.
        var matches = new List<string>();
        for (var page = 1; ; page++)
        {
            var published = await _definitions.ListAsync(
                new DefinitionListQuery(new PageRequest(page, PageRequest.MaxPageSize), PublishedOnly: true), cancellationToken);
            foreach (var summary in published.Items)
            {
                var workflow = await _graphs.GetAsync(summary.Id, cancellationToken);
                if (IsStartedBy(workflow, message))
                {
                    matches.Add(summary.DefinitionId);
                }
            }

            if (published.Items.Count < PageRequest.MaxPageSize)
            {
                return matches;
            }
        }
    }

    private static bool IsStartedBy(Workflow workflow, WorkflowMessage message)
    {
        if (workflow.Root is not Flowchart flowchart || flowchart.ResolveStartActivity() is not MessageReceived start)
        {
            return false;
        }

        if (LiteralText(start.MessageType) != message.MessageType)
        {
            return false;
        }

        var correlationId = LiteralText(start.CorrelationId);
        return string.IsNullOrEmpty(correlationId) || string.Equals(correlationId, message.CorrelationId, StringComparison.Ordinal);
    }

    private static string? LiteralText(Input? input) =>
        input?.Expression is { Type: ExpressionTypes.Literal } expression ? expression.ValueAsText() : null;
}
