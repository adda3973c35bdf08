using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// Reads the HTTP triggers of a definition version: the HttpEndpoint where its root flowchart starts (the flowchart's
/// <c>start</c>, else a Start activity, else the first activity marked <c>canStartWorkflow</c>, else the first
/// activity without inbound connections). The trigger is indexed before any instance exists, so its inputs must be
/// literals.
/// </summary>
public static class HttpEndpointTriggers
{
    /// <summary>Returns one trigger per method of the starting HttpEndpoint, or every reason it cannot be indexed.</summary>
    public static (IReadOnlyList<HttpTrigger> Triggers, IReadOnlyList<ValidationError> Errors) Read(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Root is not Flowchart flowchart || flowchart.ResolveStartActivity() is not HttpEndpoint endpoint)
        {
            return ([], []);
        }

        var errors = new List<ValidationError>();
        HttpRouteTemplate? template = null;
        if (!LiteralInputs.TryReadValue(endpoint.Path, out var path))
        {
            errors.Add(NotLiteral(endpoint, "path"));
        }
        else if (!HttpRouteTemplate.TryParse(path, out template, out var error))
        {
            errors.Add(new ValidationError(endpoint.Id, "path", path, error));
        }

        var methods = LiteralInputs.ReadStrings(endpoint.SupportedMethods);
        if (methods is null)
        {
            errors.Add(NotLiteral(endpoint, "supportedMethods"));
        }

        var authorize = true;
        if (endpoint.Authorize?.Expression is not null && !LiteralInputs.TryReadValue(endpoint.Authorize, out authorize))
        {
            errors.Add(NotLiteral(endpoint, "authorize"));
        }

        if (!LiteralInputs.TryReadValue(endpoint.Policy, out var policy))
        {
            errors.Add(NotLiteral(endpoint, "policy"));
        }

        if (errors.Count > 0 || template is null || methods is null)
        {
            return ([], errors);
        }

        var triggers = HttpEndpoint.NormalizeMethods(methods)
            .Select(method => new HttpTrigger(
                workflow.DefinitionId,
                workflow.VersionId,
                endpoint.NodeId,
                method,
                template.Template,
                template.Key,
                authorize,
                string.IsNullOrWhiteSpace(policy) ? null : policy.Trim()))
            .ToList();
        return (triggers, []);
    }

    private static ValidationError NotLiteral(HttpEndpoint endpoint, string input) => new(
        endpoint.Id,
        input,
        null,
        $"The HttpEndpoint '{endpoint.Id}' starts the workflow, so its '{input}' is read when the definition is published and must be a Literal expression.");
}
