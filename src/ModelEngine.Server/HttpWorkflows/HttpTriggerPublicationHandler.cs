using Microsoft.AspNetCore.Authorization;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// Keeps the HTTP trigger table in step with the published versions. A publish whose starting HttpEndpoint claims a
/// route of another published definition is rejected with 409. A new published version replaces the definition's
/// triggers, and a retract or delete removes them.
/// </summary>
internal sealed class HttpTriggerPublicationHandler : IWorkflowPublicationHandler
{
    private readonly IHttpTriggerStore _store;
    private readonly IAuthorizationPolicyProvider _policies;

    public HttpTriggerPublicationHandler(IHttpTriggerStore store, IAuthorizationPolicyProvider policies)
    {
        _store = store;
        _policies = policies;
    }

    public async ValueTask ValidatePublishAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var (triggers, errors) = HttpEndpointTriggers.Read(workflow);
        var allErrors = errors.ToList();
        foreach (var trigger in triggers.Where(trigger => trigger.Policy is not null).DistinctBy(trigger => trigger.Policy))
        {
            if (await _policies.GetPolicyAsync(trigger.Policy!) is null)
            {
                allErrors.Add(new ValidationError(trigger.ActivityId, "policy", trigger.Policy,
                    $"The authorization policy '{trigger.Policy}' is not configured on this server. Use a configured policy, or leave 'policy' empty."));
            }
        }

        if (allErrors.Count > 0)
        {
            throw new DefinitionValidationException(allErrors);
        }

        if (triggers.Count == 0)
        {
            return;
        }

        var existing = await _store.ListAsync(cancellationToken);
        if (HttpTriggerConflicts.Find(triggers, existing) is var (claimed, other))
        {
            throw HttpTriggerConflicts.ToException(claimed, other);
        }
    }

    public async ValueTask OnPublicationChangedAsync(string definitionId, Workflow? published, CancellationToken cancellationToken)
    {
        // NOTE: two nodes that publish conflicting routes at the same moment both pass ValidatePublishAsync. The
        // unique index then rejects the second replace with 409, but that definition's version is already saved as
        // published, without triggers, until it is published again.
        var triggers = published is null ? [] : HttpEndpointTriggers.Read(published).Triggers;
        await _store.ReplaceAsync(definitionId, triggers, cancellationToken);
    }
}
