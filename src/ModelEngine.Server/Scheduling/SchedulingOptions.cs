namespace ModelEngine.Server.Scheduling;

/// <summary>Settings of the Hangfire timer scheduling, bound from the <c>Scheduling</c> section.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>
    /// Whether Hangfire runs in this process. When off, committed timers are not armed and the minute sweep does not
    /// run; tests turn it off and call <see cref="DurableTimerJob"/> directly.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often Hangfire moves due delayed jobs to its queue. Timers fire within about this interval.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an idle Hangfire worker looks for enqueued jobs. A due timer waits up to
    /// <see cref="SchedulePollingInterval"/> to be enqueued and then up to this interval to be picked up, so the two
    /// together bound how late it fires.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The number of Hangfire workers that run timer jobs in this process.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How long a fired timer stays claimed before another job or sweep may fire it again.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The maximum number of due timers that one sweep schedules.</summary>
    public int SweepBatchSize { get; set; } = 1000;

    /// <summary>Whether the Hangfire dashboard is served at <c>/hangfire</c> (to admins only).</summary>
    public bool DashboardEnabled { get; set; } = true;
}
