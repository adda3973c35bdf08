using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.MassTransit.Messages;
using ModelEngine.Fit.MassTransit.Serialization;
using ModelEngine.Fit.MassTransit.Telemetry;
using ModelEngine.Fit.MassTransit.Wire;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.MassTransit.Worker;

/// <summary>
/// Runs the requests that arrive on this worker's queue through <see cref="IFitRequestExecutor"/> and sends each
/// response to the request's <c>MT-ResponseAddress</c>. Every failure becomes a response, so a caller does not wait
/// for its timeout on a request the worker could read.
/// </summary>
/// <remarks>One instance serves all requests of the worker queue, as a handler. It keeps no state per request.</remarks>
internal sealed class FitRequestConsumer(
    IFitRequestExecutor executor,
    IFitEnvelopeCodec codec,
    FitBusIdentity identity,
    ILogger<FitRequestConsumer> logger) : IConsumer<FitRequestMessage>
{
    public async Task Consume(ConsumeContext<FitRequestMessage> context)
    {
        var responseAddress = FitContextHeaders.ResponseAddress(context);
        var requestId = FitContextHeaders.RequestId(context);
        if (responseAddress is null)
        {
            FitBusLog.NoResponseAddress(logger, identity.WorkerId);
            return;
        }

        FitRequest request;
        try
        {
            request = codec.ReadRequest(context.Message.Body);
        }
        catch (FitException exception)
        {
            await RespondAsync(context, responseAddress, requestId, new FitResponse
            {
                RequestId = requestId?.ToString("D") ?? string.Empty,
                Status = FitResponseStatus.BadRequest,
                ErrorType = nameof(FitException),
                ErrorMessage = exception.Message,
            }).ConfigureAwait(false);
            return;
        }

        ActivityContext.TryParse(request.TraceParent, null, out var parent);
        using var activity = FitBusTelemetry.Source.StartActivity($"fit.execute {request.GenericableId}", ActivityKind.Consumer, parent);
        activity?.SetTag("fit.genericable", request.GenericableId);
        activity?.SetTag("fit.fitable", request.FitableId);
        activity?.SetTag("fit.worker", identity.WorkerId);

        var response = await ExecuteAsync(request, context.CancellationToken).ConfigureAwait(false);
        FitBusTelemetry.ServedCalls.Add(1, new KeyValuePair<string, object?>("fit.outcome", response.Status.ToString()));
        if (response.Status != FitResponseStatus.Ok)
        {
            activity?.SetStatus(ActivityStatusCode.Error, response.ErrorMessage);
        }

        await RespondAsync(context, responseAddress, requestId, response with { RequestId = request.RequestId, WorkerId = identity.WorkerId }).ConfigureAwait(false);
    }

    private async Task<FitResponse> ExecuteAsync(FitRequest request, CancellationToken cancellationToken)
    {
        // The caller has given up once its timeout passes, so the worker stops then too.
        using var timeout = request.Timeout is { } left && left > TimeSpan.Zero
            ? new CancellationTokenSource(left)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await executor.ExecuteAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Failed(request, FitResponseStatus.TimedOut, "TimeoutException", $"The fitable timed out: it ran longer than the caller's timeout of {request.Timeout}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed(request, FitResponseStatus.Cancelled, nameof(OperationCanceledException), "The worker is stopping.");
        }
        catch (FitException exception)
        {
            var status = exception.Code switch
            {
                FitErrorCode.FitableNotFound => FitResponseStatus.FitableNotFound,
                FitErrorCode.BadRequest => FitResponseStatus.BadRequest,
                FitErrorCode.PayloadUnavailable => FitResponseStatus.PayloadUnavailable,
                FitErrorCode.TimedOut => FitResponseStatus.TimedOut,
                _ => FitResponseStatus.Faulted,
            };
            return Failed(request, status, exception.RemoteErrorType ?? nameof(FitException), exception.Message);
        }
        catch (Exception exception)
        {
            FitBusLog.RequestFaulted(logger, request.RequestId, request.GenericableId, request.FitableId, identity.WorkerId, exception);
            return Failed(request, FitResponseStatus.Faulted, exception.GetType().FullName, exception.Message);
        }
    }

    /// <summary>Publishes the response to the exchange that <c>MT-ResponseAddress</c> names, with <c>MT-RequestId</c> copied.</summary>
    /// <remarks>
    /// The send endpoint comes from the receive endpoint's provider, whose cache keeps one per response address, rather
    /// than from the consume context, which wraps it anew for every message to copy conversation headers that the FIT
    /// serializer drops anyway.
    /// </remarks>
    private async Task RespondAsync(ConsumeContext context, Uri responseAddress, Guid? requestId, FitResponse response)
    {
        var endpoint = await context.ReceiveContext.SendEndpointProvider.GetSendEndpoint(responseAddress).ConfigureAwait(false);
        await endpoint.Send(new FitResponseMessage(codec.WriteResponse(response)), new FitResponsePipe(requestId), context.CancellationToken)
            .ConfigureAwait(false);
    }

    private static FitResponse Failed(FitRequest request, FitResponseStatus status, string? errorType, string message) => new()
    {
        RequestId = request.RequestId,
        Status = status,
        ErrorType = errorType,
        ErrorMessage = message,
    };
}
