namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// Receives the responses that WriteHttpResponse writes, so that the host can respond to the waiting request. The
/// activity calls it while the step runs, before the step's commit, on the step's thread: it must return quickly.
/// </summary>
public interface IHttpResponseSink
{
    /// <summary>Delivers <paramref name="response"/> to the request <paramref name="requestId"/>, if it still waits on this node.</summary>
    void Write(string requestId, string workflowInstanceId, HttpResponseData response);
}
