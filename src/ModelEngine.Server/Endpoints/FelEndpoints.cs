using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Server.Hosting;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/workflow-instances/{id}/generations/stream</c>: streams the tokens of an instance's running Generate activities
/// as server-sent events. The stream comes from this node's in-process hub, so it carries the generations of the steps
/// that this node runs.
/// </summary>
internal static partial class FelEndpoints
{
    /// <summary>The content type of the stream.</summary>
    public const string EventStreamContentType = "text/event-stream";

    public static RouteGroupBuilder MapFelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}/generations/stream", StreamAsync)
            .WithTags("Workflow instances")
            .WithSummary("Streams the tokens of the instance's running Generate activities as server-sent events, until the client disconnects.")
            .Produces(StatusCodes.Status200OK, contentType: EventStreamContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task StreamAsync(
        string id,
        HttpContext context,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        IGenerationStreamHub hub,
        IOptions<FelStreamOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var summary = await store.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, context.GetUser(), cancellationToken))
        {
            throw new WorkflowNotFoundException($"Workflow instance '{id}' does not exist or is not visible to this user.");
        }

        var logger = loggers.CreateLogger(typeof(FelEndpoints).FullName!);
        using var subscription = hub.Subscribe(id);
        var response = context.Response;
        response.ContentType = EventStreamContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Log.StreamOpened(logger, id, context.GetUser().Name);

        var sent = 0;
        try
        {
            await WriteAsync(response, ": stream open\n\n", cancellationToken);
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(options.Value.HeartbeatInterval);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(response, ": heartbeat\n\n", cancellationToken);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                var batch = new StringBuilder();
                while (subscription.Events.TryRead(out var streamEvent))
                {
                    AppendEvent(batch, streamEvent);
                    sent++;
                }

                await WriteAsync(response, batch.ToString(), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client disconnected, which is how a stream normally ends.
        }
        catch (IOException exception)
        {
            Log.StreamWriteFailed(logger, exception, id);
        }

        Log.StreamClosed(logger, id, sent);
    }

    /// <summary>Appends one event in the server-sent events format: an event name and one line of JSON data.</summary>
    internal static void AppendEvent(StringBuilder builder, GenerationStreamEvent streamEvent)
    {
        var (name, data) = streamEvent.Kind switch
        {
            GenerationStreamEventKind.Token => ("token", new JsonObject { ["activityId"] = streamEvent.ActivityId, ["text"] = streamEvent.Text }),
            GenerationStreamEventKind.Completed => ("completed", new JsonObject
            {
                ["activityId"] = streamEvent.ActivityId,
                ["text"] = streamEvent.Text,
                ["ttftMs"] = streamEvent.TimeToFirstTokenMs,
            }),
            _ => ("failed", new JsonObject { ["activityId"] = streamEvent.ActivityId, ["error"] = streamEvent.Error }),
        };

        // JSON escapes line breaks, so the data always fits on the one data line the format needs.
        builder.Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(data.ToJsonString()).Append("\n\n");
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Generation stream of instance {InstanceId} opened for {User}.")]
        public static partial void StreamOpened(ILogger logger, string instanceId, string user);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Generation stream of instance {InstanceId} closed after {Events} events.")]
        public static partial void StreamClosed(ILogger logger, string instanceId, int events);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Generation stream of instance {InstanceId} failed to write to the client, so it was closed.")]
        public static partial void StreamWriteFailed(ILogger logger, Exception exception, string instanceId);
    }
}
