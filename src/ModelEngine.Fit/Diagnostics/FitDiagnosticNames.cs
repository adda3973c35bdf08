namespace ModelEngine.Fit.Diagnostics;

/// <summary>
/// The names under which operator calls are traced and measured, for OpenTelemetry's <c>AddSource</c> and
/// <c>AddMeter</c>, and the tags they carry.
/// </summary>
public static class FitDiagnosticNames
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string SourceName = "ModelEngine.Fit";

    /// <summary>The span around a whole call, retries and degradation included.</summary>
    public const string CallActivity = "fit.call";

    /// <summary>The span around one attempt on one fitable.</summary>
    public const string AttemptActivity = "fit.attempt";

    /// <summary>The event a call span carries for each candidate routing left out.</summary>
    public const string RejectedEvent = "fit.route.rejected";

    public const string GenericableTag = "fit.genericable";
    public const string FitableTag = "fit.fitable";
    public const string WorkerTag = "fit.worker";

    /// <summary><c>local</c> or <c>remote</c>.</summary>
    public const string LocationTag = "fit.location";

    /// <summary>The rule that chose the fitable, when one did.</summary>
    public const string RuleTag = "fit.route.rule";

    /// <summary>The fitables routing kept, comma-separated.</summary>
    public const string ChosenTag = "fit.route.chosen";

    /// <summary>How many candidates routing left out.</summary>
    public const string RejectedCountTag = "fit.route.rejected_count";

    public const string AttemptTag = "fit.attempt";
    public const string ErrorCodeTag = "fit.error";
}
