using ModelEngine.Workflows.Activities.Http;

namespace ModelEngine.Workflows.Tests.Support;

/// <summary>An <see cref="IHttpResponseSink"/> that keeps every response WriteHttpResponse delivers, in order.</summary>
public sealed class RecordingHttpResponseSink : IHttpResponseSink
{
    public List<(string RequestId, string InstanceId, HttpResponseData Response)> Responses { get; } = [];

    public void Write(string requestId, string workflowInstanceId, HttpResponseData response) =>
        Responses.Add((requestId, workflowInstanceId, response));
}
