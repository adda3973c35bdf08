namespace ModelEngine.Server.Hosting;

/// <summary>Settings of the deletion of old finished instances, bound from the <c>Retention</c> section.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// How long after it finished an instance is kept before the retention job deletes it. Unset turns retention off.
    /// </summary>
    public TimeSpan? FinishedInstanceAge { get; set; }

    /// <summary>The time between two runs of the retention job. The first run is at start-up.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
