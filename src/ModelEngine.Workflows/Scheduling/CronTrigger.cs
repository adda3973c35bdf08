using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Activities.Primitives;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Scheduling;

/// <summary>
/// The cron schedule that starts instances of a published definition: a <see cref="Cron"/> activity where the root
/// flowchart starts.
/// </summary>
public sealed record CronTrigger(string DefinitionId, string ActivityId, string CronExpression, string? TimeZoneId)
{
    /// <summary>Returns whether <paramref name="activity"/> is where the root flowchart of <paramref name="workflow"/> starts.</summary>
    public static bool IsTrigger(Workflow workflow, Activity activity) =>
        workflow.Root is Flowchart flowchart && ReferenceEquals(flowchart.ResolveStartActivity(), activity);

    /// <summary>
    /// Returns the cron trigger of <paramref name="workflow"/>, or <see langword="null"/> when its root flowchart does
    /// not start at a Cron activity or that activity's inputs are not literal values.
    /// </summary>
    public static CronTrigger? Find(Workflow workflow)
    {
        if (workflow.Root is not Flowchart flowchart || flowchart.ResolveStartActivity() is not Cron cron)
        {
            return null;
        }

        var expression = LiteralInputs.ReadString(cron.CronExpression);
        var timeZone = LiteralInputs.ReadString(cron.TimeZone);
        if (expression?.Value is not { } text || timeZone is null)
        {
            return null;
        }

        return new CronTrigger(workflow.DefinitionId, cron.Id, text, string.IsNullOrWhiteSpace(timeZone.Value) ? null : timeZone.Value);
    }

    /// <summary>
    /// Parses the schedule. Publishing validated it, so a failure means this host does not know the time zone.
    /// </summary>
    public bool TryGetSchedule(out CronSchedule? schedule, out string? error) =>
        CronSchedule.TryParse(CronExpression, TimeZoneId, out schedule, out error);
}
