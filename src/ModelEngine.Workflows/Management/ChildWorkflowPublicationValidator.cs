using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities.Composition;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Management;

/// <summary>
/// Rejects the publish of a version that starts a child of a definition with no published version: an
/// ExecuteWorkflow or DispatchWorkflow whose <c>workflowDefinitionId</c> is a literal, or a definition used as an
/// activity (which must also set <c>options.usableAsActivity</c>). A definition may start itself.
/// </summary>
public sealed class ChildWorkflowPublicationValidator : IWorkflowPublicationHandler
{
    private readonly IWorkflowDefinitionStore _store;

    public ChildWorkflowPublicationValidator(IWorkflowDefinitionStore store)
    {
        _store = store;
    }

    public async ValueTask ValidatePublishAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        foreach (var node in workflow.Nodes)
        {
            switch (node)
            {
                case ChildWorkflowActivity child when LiteralText(child.WorkflowDefinitionId?.Expression) is { } definitionId:
                    await CheckAsync(workflow, child.Id, "workflowDefinitionId", definitionId, requireUsableAsActivity: false, errors, cancellationToken).ConfigureAwait(false);
                    break;
                case WorkflowDefinitionActivity definitionActivity:
                    await CheckAsync(workflow, definitionActivity.Id, WorkflowDefinitionActivity.DefinitionIdProperty, definitionActivity.WorkflowDefinitionId, requireUsableAsActivity: true, errors, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }
    }

    public ValueTask OnPublicationChangedAsync(string definitionId, Workflow? published, CancellationToken cancellationToken) => default;

    private async Task CheckAsync(
        Workflow workflow, string activityId, string property, string definitionId, bool requireUsableAsActivity, List<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (definitionId == workflow.DefinitionId)
        {
            return;
        }

        var published = await _store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            errors.Add(new ValidationError(activityId, property, definitionId,
                $"Activity '{activityId}' starts workflow definition '{definitionId}', which does not exist or has no published version. Publish '{definitionId}' first, or correct the id."));
            return;
        }

        if (requireUsableAsActivity && (JsonNode.Parse(published.ModelJson) is not JsonObject model || !DefinitionActivityDescriber.IsUsableAsActivity(model)))
        {
            errors.Add(new ValidationError(activityId, property, definitionId,
                $"Activity '{activityId}' uses workflow definition '{definitionId}' as an activity, but its published version does not set 'options.usableAsActivity'. Set it and publish '{definitionId}' again."));
        }
    }

    private static string? LiteralText(Expression? expression) =>
        expression is not null
        && string.Equals(expression.Type, ExpressionTypes.Literal, StringComparison.OrdinalIgnoreCase)
        && expression.Value is JsonValue value
        && value.GetValueKind() == JsonValueKind.String
        && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;
}
