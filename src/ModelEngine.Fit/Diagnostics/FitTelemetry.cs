using System.Diagnostics;
using System.Diagnostics.Metrics;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Diagnostics;

/// <summary>The activity source and instruments of operator calls. Every method is cheap when no listener is attached.</summary>
internal static class FitTelemetry
{
    public static readonly ActivitySource Source = new(FitDiagnosticNames.SourceName);

    private static readonly Meter s_meter = new(FitDiagnosticNames.SourceName);

    public static readonly Counter<long> Calls = s_meter.CreateCounter<long>("fit.calls", description: "Operator calls started.");

    public static readonly Counter<long> Failures = s_meter.CreateCounter<long>("fit.failures", description: "Operator calls that ended in an error.");

    public static readonly Histogram<double> Duration = s_meter.CreateHistogram<double>("fit.duration", unit: "ms", description: "Operator call duration.");

    public static readonly UpDownCounter<long> InFlight = s_meter.CreateUpDownCounter<long>("fit.in_flight", description: "Operator calls running now.");

    /// <summary>Whether a call must go through the instrumented path.</summary>
    public static bool Observed => Source.HasListeners() || Calls.Enabled || Failures.Enabled || Duration.Enabled || InFlight.Enabled;

    public static void RecordRoute(Activity? activity, RouteDecision decision)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(FitDiagnosticNames.ChosenTag, string.Join(",", decision.Targets.Select(t => t.Id)));
        activity.SetTag(FitDiagnosticNames.RejectedCountTag, decision.Rejections.Count);
        if (decision.Rule is not null)
        {
            activity.SetTag(FitDiagnosticNames.RuleTag, decision.Rule);
        }

        foreach (var rejection in decision.Rejections)
        {
            activity.AddEvent(new ActivityEvent(FitDiagnosticNames.RejectedEvent, tags: new ActivityTagsCollection
            {
                [FitDiagnosticNames.FitableTag] = rejection.FitableId,
                ["fit.route.filter"] = rejection.Filter,
                ["fit.route.reason"] = rejection.Reason,
            }));
        }
    }
}
