using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>How the wait of a request ended: with the response WriteHttpResponse wrote, or with the instance's sub-status.</summary>
internal sealed record HttpWorkflowOutcome(HttpResponseData? Response, WorkflowSubStatus? SubStatus);
