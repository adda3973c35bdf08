namespace ModelEngine.Workflows.Runtime;

/// <summary>Starts, resumes, cancels and deletes instances. Every method returns only after its change is committed.</summary>
public interface IWorkflowRuntime
{
    /// <summary>
    /// Starts an instance and runs it until it suspends, finishes or faults, then commits and returns it.
    /// Throws <see cref="WorkflowNotFoundException"/> when no matching published version exists.
    /// </summary>
    Task<WorkflowInstanceView> ExecuteAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>Commits a new Pending instance and queues it to run in the background. Returns its id.</summary>
    Task<string> DispatchAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consumes a bookmark and commits the resume, with the request's changes, as Pending work; the instance then runs
    /// in the background. Throws <see cref="BookmarkNotFoundException"/> when the bookmark was already consumed, and
    /// <see cref="Persistence.ConcurrencyConflictException"/> when a change lost a race.
    /// </summary>
    Task ResumeAsync(ResumeWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a running instance: its bookmarks and timers are removed and its open tasks become Exited.
    /// Throws <see cref="WorkflowConflictException"/> when the instance already finished.
    /// </summary>
    Task<WorkflowInstanceView> CancelAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retries a Faulted instance: its incidents are resolved and the work that failed runs again in the background,
    /// followed by the work that was still queued. Throws <see cref="WorkflowConflictException"/> when the instance is
    /// not Faulted.
    /// </summary>
    Task<WorkflowInstanceView> RetryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an instance with its state, bookmarks, timers, journal and tasks. A Running instance is rejected with
    /// <see cref="WorkflowConflictException"/> unless <paramref name="force"/> is set, and then it is cancelled first,
    /// so its open tasks become Exited before they are deleted. Throws <see cref="WorkflowNotFoundException"/> when the
    /// instance does not exist.
    /// </summary>
    Task DeleteAsync(string instanceId, bool force, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a Running or Faulted instance to another published version of its definition, under the instance's lock
    /// and with the revision check of a normal commit, and journals the move. Throws
    /// <see cref="Migration.MigrationRejectedException"/> when an active activity has no counterpart of the same type in
    /// the target version, <see cref="Migration.InvalidMigrationRequestException"/> for an unknown version or activity
    /// id, and <see cref="WorkflowConflictException"/> when the instance already ended or runs the target version.
    /// </summary>
    Task<WorkflowInstanceView> MigrateAsync(Migration.MigrateWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs the committed Pending work of an instance, if any. Background workers and recovery call it.</summary>
    Task RunPendingAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes every instance waiting in an Event activity for <paramref name="eventName"/>, or only those with
    /// <paramref name="correlationId"/> when it is set, and returns their ids. Each resume is committed before this
    /// returns; an instance whose bookmark another request consumed first is skipped.
    /// </summary>
    Task<IReadOnlyList<string>> TriggerEventAsync(string eventName, string? correlationId, System.Text.Json.Nodes.JsonNode? input, CancellationToken cancellationToken = default);

    /// <summary>Loads an instance view, or <see langword="null"/> when it does not exist.</summary>
    Task<WorkflowInstanceView?> GetAsync(string instanceId, CancellationToken cancellationToken = default);
}
