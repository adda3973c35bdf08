using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>One waiting request: it completes with a written response, or when its instance suspends or finishes.</summary>
internal sealed class HttpResponseWaiter : IDisposable
{
    private readonly HttpResponseWaiters _owner;

    public HttpResponseWaiter(string requestId, HttpResponseWaiters owner)
    {
        RequestId = requestId;
        _owner = owner;
    }

    public string RequestId { get; }

    /// <summary>The instance the request started or resumed, once known.</summary>
    public string? WorkflowInstanceId { get; set; }

    public TaskCompletionSource<HttpResponseData> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<WorkflowSubStatus> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether an instance in this sub-status will not write a response without another request.</summary>
    public static bool IsSettled(WorkflowSubStatus subStatus) =>
        subStatus is WorkflowSubStatus.Suspended or WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled or WorkflowSubStatus.Faulted;

    public void Dispose() => _owner.Remove(this);
}
