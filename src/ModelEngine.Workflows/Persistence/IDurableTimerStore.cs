namespace ModelEngine.Workflows.Persistence;

/// <summary>Reads and claims timer rows. Rows are written and removed by <see cref="IWorkflowCommitter"/>.</summary>
public interface IDurableTimerStore
{
    /// <summary>Lists timers due at or before <paramref name="dueBefore"/> that nobody holds a live claim on.</summary>
    Task<IReadOnlyList<DurableTimer>> ListDueAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a timer for <paramref name="lease"/>, so that a single job fires it. Returns <see langword="false"/> when
    /// the row is gone (its bookmark was consumed) or another claim is still live.
    /// </summary>
    Task<bool> TryClaimAsync(string timerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);
}
