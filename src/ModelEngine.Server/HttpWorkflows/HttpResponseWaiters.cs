using System.Collections.Concurrent;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// The requests under <c>/workflows/</c> that wait on this node, by request id. WriteHttpResponse delivers their
/// responses here, and each commit of a step signals them when their instance suspended or finished.
/// </summary>
internal sealed class HttpResponseWaiters : IHttpResponseSink, IWorkflowCommitObserver
{
    private readonly ConcurrentDictionary<string, HttpResponseWaiter> _waiters = new(StringComparer.Ordinal);

    /// <summary>Registers a waiter for <paramref name="requestId"/>; dispose it to remove it.</summary>
    public HttpResponseWaiter Register(string requestId)
    {
        var waiter = new HttpResponseWaiter(requestId, this);
        _waiters[requestId] = waiter;
        return waiter;
    }

    public void Write(string requestId, string workflowInstanceId, HttpResponseData response)
    {
        if (_waiters.TryGetValue(requestId, out var waiter))
        {
            waiter.Response.TrySetResult(response);
        }
    }

    public void OnCommitted(string workflowInstanceId, WorkflowSubStatus subStatus)
    {
        if (_waiters.IsEmpty || !HttpResponseWaiter.IsSettled(subStatus))
        {
            return;
        }

        foreach (var waiter in _waiters.Values)
        {
            if (waiter.WorkflowInstanceId == workflowInstanceId)
            {
                waiter.Settled.TrySetResult(subStatus);
            }
        }
    }

    internal void Remove(HttpResponseWaiter waiter) => _waiters.TryRemove(new KeyValuePair<string, HttpResponseWaiter>(waiter.RequestId, waiter));
}
