namespace ModelEngine.Workflows.Persistence;

/// <summary>Writes a <see cref="WorkflowCommit"/> atomically.</summary>
public interface IWorkflowCommitter
{
    /// <summary>
    /// Writes the commit in one transaction, or nothing. Throws <see cref="ConcurrencyConflictException"/> when the
    /// expected revision does not match, or when a removed bookmark or a changed task was already gone or changed.
    /// </summary>
    Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an instance with its state, bookmarks, timers, journal and tasks in one transaction. Returns
    /// <see langword="false"/> when the instance does not exist.
    /// </summary>
    Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default);
}
