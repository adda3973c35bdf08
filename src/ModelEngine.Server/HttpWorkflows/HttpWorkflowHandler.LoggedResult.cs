namespace ModelEngine.Server.HttpWorkflows;

internal sealed partial class HttpWorkflowHandler
{
    /// <summary>
    /// Writes a workflow's response and logs a failure with the instance id. When nothing was sent yet, the client gets
    /// 502 instead of the host's bare 500. After the response started, the exception is rethrown and the host aborts it.
    /// </summary>
    internal sealed class LoggedWorkflowResult(IResult inner, string instanceId, ILogger logger) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client disconnected, so no one receives an error response.
                throw;
            }
            catch (Exception exception)
            {
                Log.ResponseWriteFailed(logger, exception, instanceId);
                if (httpContext.Response.HasStarted)
                {
                    throw;
                }

                httpContext.Response.Clear();
                httpContext.Response.Headers[HttpWorkflowEndpoints.InstanceHeader] = instanceId;
                httpContext.Response.StatusCode = StatusCodes.Status502BadGateway;
                httpContext.Response.ContentType = ProblemContentType;
                await httpContext.Response.WriteAsync(UnsendableProblem(httpContext, instanceId), httpContext.RequestAborted);
            }
        }
    }
}
