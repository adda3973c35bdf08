namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>How webhook and e-mail deliveries are sent and retried, bound from <c>HumanTasks:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often a node looks for due deliveries that no event on this node signalled, such as retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The number of attempts, the first included, before a delivery is given up.</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>The wait after the first failed attempt. Each later wait doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one webhook request or SMTP session may take before the attempt counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a node's claim on a delivery lasts. A node that stops while sending leaves the delivery to another node
    /// after this time, so it must exceed <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The maximum number of deliveries one pass claims.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The wait after attempt <paramref name="attempts"/> failed: doubling from the initial backoff, capped.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = Math.Min(InitialBackoff.Ticks * Math.Pow(2, exponent), MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
