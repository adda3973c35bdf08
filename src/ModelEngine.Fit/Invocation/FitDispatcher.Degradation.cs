using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Invocation;

/// <summary>Degradation: the chain a failed fitable follows to its fallbacks.</summary>
internal sealed partial class FitDispatcher
{
    /// <summary>Runs one target with retries, then follows its degradation chain while attempts keep failing.</summary>
    private async Task<object?> UnicastAsync(FitCall call, FitTarget target)
    {
        var decision = call.Decision;
        List<string>? chain = null;
        List<(string FitableId, Exception Error)>? failures = null;
        var current = target;
        while (true)
        {
            try
            {
                return await RetryAsync(call, current, decision).ConfigureAwait(false);
            }
            catch (Exception e) when (!call.Token.IsCancellationRequested && (failures is not null || CanDegrade(call, current, e)))
            {
                (failures ??= []).Add((current.Id, e));
                if (!CanDegrade(call, current, e))
                {
                    throw DegradationFailed(call.GenericableId, failures);
                }

                var next = current.Descriptor.DegradesTo!;
                chain ??= [current.Id];
                var cycle = chain.Contains(next, StringComparer.Ordinal);
                chain.Add(next);
                if (cycle)
                {
                    throw new FitException(FitErrorCode.DegradationCycle,
                        $"The degradation chain of genericable '{call.GenericableId}' loops back on itself: {string.Join(" -> ", chain)}.", e)
                    { GenericableId = call.GenericableId, FitableId = current.Id };
                }

                var degraded = call.Plan.Find(next) ?? throw new FitException(FitErrorCode.FitableNotFound,
                    $"Fitable '{current.Id}' of genericable '{call.GenericableId}' failed and its degradation target '{next}' is not registered.", e)
                { GenericableId = call.GenericableId, FitableId = current.Id };
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    FitLog.Degrading(_logger, call.GenericableId, current.Id, next, e.Message);
                }

                // The fallback was chosen by the degradation step, not by the routing rules, so its attempts log and
                // trace a decision of their own instead of the first route's rule and rejections.
                decision = new RouteDecision([degraded], [], $"degradation of '{current.Id}'");
                call.Activity?.AddEvent(new ActivityEvent("fit.degraded", tags: new ActivityTagsCollection
                {
                    [FitDiagnosticNames.FitableTag] = current.Id,
                    ["fit.degrades_to"] = next,
                    [FitDiagnosticNames.RuleTag] = decision.Rule,
                }));
                current = degraded;
            }
        }
    }

    /// <summary>
    /// Checks whether a failure goes to the fitable's degradation target. A caller error (bad arguments, a value that
    /// cannot be encoded or decoded) fails the same way on every fitable, so it never degrades.
    /// </summary>
    private static bool CanDegrade(FitCall call, FitTarget current, Exception e) =>
        !call.Options.IgnoreDegradation
        && current.Descriptor.DegradesTo is not null
        && e is not FitException { Code: FitErrorCode.BadRequest };

    /// <summary>
    /// Builds the error of a call whose degradation target failed too. The message lists every failure in order,
    /// the first failure is the inner exception, and the code, fitable and worker are those of the last one.
    /// </summary>
    private static FitException DegradationFailed(string genericableId, List<(string FitableId, Exception Error)> failures)
    {
        var message = new System.Text.StringBuilder($"Genericable '{genericableId}': fitable '{failures[0].FitableId}' failed ({Describe(failures[0].Error)})");
        for (var i = 1; i < failures.Count; i++)
        {
            message.Append($"; degraded to '{failures[i].FitableId}', which failed ({Describe(failures[i].Error)})");
        }

        message.Append('.');
        var (lastId, last) = failures[^1];
        var lastFit = last as FitException;
        return new FitException(lastFit?.Code ?? FitErrorCode.Faulted, message.ToString(), failures[0].Error)
        {
            GenericableId = genericableId,
            FitableId = lastId,
            WorkerId = lastFit?.WorkerId,
            RemoteErrorType = lastFit is null ? last.GetType().FullName : lastFit.RemoteErrorType,
        };
    }

    /// <summary>Describes one failure as its code, the worker when remote, and the fitable's own error.</summary>
    private static string Describe(Exception e)
    {
        if (e is not FitException fit)
        {
            return $"{FitErrorCode.Faulted}, {e.GetType().FullName}: {e.Message}";
        }

        var where = fit.WorkerId is null ? "" : $" on worker '{fit.WorkerId}'";
        var cause = fit.InnerException is { } inner && fit.RemoteErrorType == inner.GetType().FullName
            ? $"{fit.RemoteErrorType}: {inner.Message}"
            : fit.Message;
        return $"{fit.Code}{where}, {cause}";
    }
}
