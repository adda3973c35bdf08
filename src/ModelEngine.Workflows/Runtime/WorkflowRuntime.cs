using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.Leases;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Starts, resumes and cancels instances over the stores. Each operation on an existing instance takes the instance's
/// lock on this node and then its lease, which keeps every other node out. It then runs or changes the state, commits
/// everything the step changed in one transaction, and releases the lease before it returns.
/// </summary>
public sealed partial class WorkflowRuntime : IWorkflowRuntime
{
    private readonly IWorkflowDefinitionStore _definitions;
    private readonly IWorkflowInstanceStore _instances;
    private readonly IWorkflowCommitter _committer;
    private readonly IWorkflowWorkQueue _workQueue;
    private readonly IEnumerable<IDurableTimerScheduler> _timerSchedulers;
    private readonly IWorkflowCommitObserver[] _commitObservers;
    private readonly IOutboxSignal _outboxSignal;
    private readonly WorkflowGraphCache _graphs;
    private readonly ExpressionEvaluatorRegistry _evaluators;
    private readonly InstanceLocks _locks;
    private readonly InstanceLeases _leases;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WorkflowRuntime> _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _executing = new(StringComparer.Ordinal);

    public WorkflowRuntime(
        IWorkflowDefinitionStore definitions,
        IWorkflowInstanceStore instances,
        IWorkflowCommitter committer,
        IWorkflowWorkQueue workQueue,
        IEnumerable<IDurableTimerScheduler> timerSchedulers,
        IEnumerable<IWorkflowCommitObserver> commitObservers,
        IOutboxSignal outboxSignal,
        WorkflowGraphCache graphs,
        ExpressionEvaluatorRegistry evaluators,
        InstanceLocks locks,
        InstanceLeases leases,
        IServiceProvider services,
        TimeProvider timeProvider,
        ILogger<WorkflowRuntime> logger)
    {
        _definitions = definitions;
        _instances = instances;
        _committer = committer;
        _workQueue = workQueue;
        _timerSchedulers = timerSchedulers;
        _commitObservers = commitObservers.ToArray();
        _outboxSignal = outboxSignal;
        _graphs = graphs;
        _evaluators = evaluators;
        _locks = locks;
        _leases = leases;
        _services = services;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<WorkflowInstanceView> ExecuteAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        var workflow = await ResolveWorkflowAsync(request, cancellationToken);
        var state = NewState(workflow, request);
        using var handle = await _locks.AcquireAsync(state.Id, cancellationToken);

        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, _timeProvider, cancellationToken);
        context.AddJournal(JournalEvents.WorkflowStarted, null, null, null);
        await context.RunAsync();
        // The instance is new and its id unknown to other nodes until this insert commits, so it needs no lease.
        var summary = await CommitAsync(context, lease: null, expectedRevision: null, request.Changes ?? [], cancellationToken);
        LogExecuted(_logger, state.Id, workflow.DefinitionId, state.SubStatus);
        return ToView(summary, state);
    }

    public async Task<string> DispatchAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        var workflow = await ResolveWorkflowAsync(request, cancellationToken);
        var instanceId = request.IdempotencyKey is { } key ? IdempotentInstanceId(request, key) : WorkflowExecutionContext.NewId();
        var state = WorkflowExecutionContext.CreateState(workflow, instanceId, request.Input, request.CorrelationId, request.Initiator, _timeProvider.GetUtcNow());
        CopyProperties(request, state);
        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, _timeProvider, cancellationToken);
        context.AddJournal(JournalEvents.WorkflowStarted, null, null, null);
        try
        {
            await CommitAsync(context, lease: null, expectedRevision: null, request.Changes ?? [], cancellationToken);
        }
        catch (ConcurrencyConflictException) when (request.IdempotencyKey is not null)
        {
            // The same caller sent the same key before, so the instance of that first dispatch is returned.
            var first = await _instances.FindSummaryAsync(instanceId, cancellationToken);
            if (first?.DefinitionId != request.DefinitionId)
            {
                throw;
            }

            LogIdempotentDispatch(_logger, instanceId, workflow.DefinitionId);
            return instanceId;
        }

        LogDispatched(_logger, state.Id, workflow.DefinitionId);
        return state.Id;
    }

    /// <summary>
    /// Derives the instance id from the initiator, the definition and the key, so that the instance table's primary
    /// key makes a repeated dispatch fail to insert instead of starting a second instance.
    /// </summary>
    private static string IdempotentInstanceId(StartWorkflowRequest request, string key)
    {
        var text = $"{request.Initiator}\n{request.DefinitionId}\n{key}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public async Task ResumeAsync(ResumeWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        using var handle = await _locks.AcquireAsync(request.InstanceId, cancellationToken);

        // A step that runs on another node holds the lease until its commit, so this waits for that commit and then
        // finds the bookmarks it created.
        await using var lease = await _leases.AcquireAsync(request.InstanceId, cancellationToken);
        var (summary, state) = await LoadAsync(request.InstanceId, cancellationToken);
        var bookmark = state.SubStatus.ToStatus() == WorkflowStatus.Running
            ? state.Bookmarks.FirstOrDefault(candidate => candidate.Id == request.BookmarkId)
            : null;
        if (bookmark is null)
        {
            throw new BookmarkNotFoundException(request.InstanceId, request.BookmarkId);
        }

        var input = request.Input;
        var changes = request.Changes ?? [];
        if (request.Prepare is { } prepare)
        {
            var plan = await prepare(cancellationToken);
            input = plan.Input;
            changes = plan.Changes;
        }

        WorkflowExecutionContext.ScheduleResume(state, bookmark, input?.DeepClone());
        List<string> removedBookmarkIds = [bookmark.Id];
        foreach (var other in state.Bookmarks.Where(other => other.Id != bookmark.Id && ShouldRemoveWith(request, bookmark, other)).ToList())
        {
            state.Bookmarks.Remove(other);
            removedBookmarkIds.Add(other.Id);
        }

        state.UpdatedAt = _timeProvider.GetUtcNow();
        var commit = new WorkflowCommit
        {
            Summary = ToSummary(state, summary.Revision + 1),
            StateJson = WorkflowStateSerializer.Serialize(state),
            ExpectedRevision = summary.Revision,
            RemovedBookmarkIds = removedBookmarkIds,
            Changes = changes,
        };

        await lease.EnsureHeldAsync(cancellationToken);
        await _committer.CommitAsync(commit, cancellationToken);
        LogResumeCommitted(_logger, request.InstanceId, request.BookmarkId);
        _workQueue.Enqueue(request.InstanceId);
    }

    private static bool ShouldRemoveWith(ResumeWorkflowRequest request, BookmarkState resumed, BookmarkState other) =>
        (request.RemoveActivityTimers && other.ActivityInstanceId == resumed.ActivityInstanceId && other.DueAt is not null)
        || (request.RemoveBookmarks?.Invoke(other) ?? false);

    public async Task<WorkflowInstanceView> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var handle = await _locks.AcquireAsync(instanceId, cancellationToken);
        await using var lease = await _leases.AcquireAsync(instanceId, cancellationToken);
        var (summary, state) = await LoadAsync(instanceId, cancellationToken);
        if (state.SubStatus.ToStatus() == WorkflowStatus.Finished)
        {
            throw new WorkflowConflictException($"Workflow instance '{instanceId}' is already {state.SubStatus} and cannot be cancelled.");
        }

        return await CancelLockedAsync(instanceId, lease, summary, state, cancellationToken);
    }

    public async Task DeleteAsync(string instanceId, bool force, CancellationToken cancellationToken = default)
    {
        using var handle = await _locks.AcquireAsync(instanceId, cancellationToken);
        await using var lease = await _leases.AcquireAsync(instanceId, cancellationToken);
        var (summary, state) = await LoadAsync(instanceId, cancellationToken);
        if (summary.Status == WorkflowStatus.Running)
        {
            if (!force)
            {
                throw new WorkflowConflictException(
                    $"Workflow instance '{instanceId}' is {summary.SubStatus}. Cancel it first, or delete it with force=true to cancel it.");
            }

            // Cancelling first ends the open tasks as Exited, as a cancel does, before their rows are deleted.
            await CancelLockedAsync(instanceId, lease, summary, state, cancellationToken);
        }

        await lease.EnsureHeldAsync(cancellationToken);
        if (!await _committer.DeleteInstanceAsync(instanceId, cancellationToken))
        {
            throw new WorkflowNotFoundException($"Workflow instance '{instanceId}' does not exist.");
        }

        LogDeleted(_logger, instanceId, summary.DefinitionId, summary.SubStatus);
    }

    /// <summary>Cancels a Running instance whose lock and lease the caller holds, and commits the cancellation.</summary>
    private async Task<WorkflowInstanceView> CancelLockedAsync(string instanceId, InstanceLease lease, WorkflowInstanceSummary summary, WorkflowState state, CancellationToken cancellationToken)
    {
        var workflow = await _graphs.GetAsync(state.DefinitionVersionId, cancellationToken);
        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, _timeProvider, cancellationToken);
        await context.CancelAllAsync(CancellationReason.InstanceCancelled);
        context.MarkCancelled();
        var committed = await CommitAsync(context, lease, summary.Revision, [], cancellationToken);
        LogCancelled(_logger, instanceId);
        return ToView(committed, state);
    }

    public async Task<WorkflowInstanceView> RetryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var handle = await _locks.AcquireAsync(instanceId, cancellationToken);
        await using var lease = await _leases.AcquireAsync(instanceId, cancellationToken);
        var (summary, state) = await LoadAsync(instanceId, cancellationToken);
        if (state.SubStatus != WorkflowSubStatus.Faulted)
        {
            throw new WorkflowConflictException($"Workflow instance '{instanceId}' is {state.SubStatus}; only a Faulted instance can be retried.");
        }

        var workflow = await _graphs.GetAsync(state.DefinitionVersionId, cancellationToken);
        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, _timeProvider, cancellationToken);
        var resolved = string.Join("; ", state.Incidents.Select(incident => $"{incident.ActivityId}: {incident.Message}"));
        state.Incidents.Clear();
        state.SubStatus = WorkflowSubStatus.Pending;
        state.FinishedAt = null;
        state.UpdatedAt = _timeProvider.GetUtcNow();
        context.AddJournal(JournalEvents.WorkflowRetried, null, resolved, null);
        var committed = await CommitAsync(context, lease, summary.Revision, [], cancellationToken);
        LogRetried(_logger, instanceId);
        return ToView(committed, state);
    }

    public async Task RunPendingAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var handle = await _locks.AcquireAsync(instanceId, cancellationToken);

        // Another node that holds the lease runs or changes the instance now, and runs any work it leaves Pending, so
        // this node does not wait. Periodic recovery takes the instance over if that node dies.
        await using var lease = await _leases.TryAcquireAsync(instanceId, cancellationToken);
        if (lease is null)
        {
            LogLeasedElsewhere(_logger, instanceId);
            return;
        }

        var snapshot = await _instances.LoadAsync(instanceId, cancellationToken);
        if (snapshot is null || snapshot.Summary.SubStatus is not (WorkflowSubStatus.Pending or WorkflowSubStatus.Executing))
        {
            return;
        }

        var state = WorkflowStateSerializer.Deserialize(snapshot.StateJson);
        var workflow = await _graphs.GetAsync(state.DefinitionVersionId, cancellationToken);
        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, _timeProvider, cancellationToken);
        _executing.TryAdd(instanceId, 0);
        try
        {
            await context.RunAsync();
            await CommitAsync(context, lease, snapshot.Summary.Revision, [], cancellationToken);
        }
        finally
        {
            _executing.TryRemove(instanceId, out _);
        }

        LogExecuted(_logger, instanceId, workflow.DefinitionId, state.SubStatus);
    }

    public async Task<IReadOnlyList<string>> TriggerEventAsync(string eventName, string? correlationId, JsonNode? input, CancellationToken cancellationToken = default)
    {
        // NOTE: waiting events are found by listing every Event bookmark and matching the name here. A store index on
        // the event name would avoid reading them all.
        var bookmarks = await _instances.ListBookmarksAsync(Activities.Primitives.Event.TypeName, null, cancellationToken);
        var resumed = new List<string>();
        foreach (var bookmark in bookmarks)
        {
            if (!IsEvent(bookmark, eventName) || (correlationId is not null && bookmark.CorrelationId != correlationId))
            {
                continue;
            }

            try
            {
                await ResumeAsync(new ResumeWorkflowRequest(bookmark.WorkflowInstanceId, bookmark.Id, input?.DeepClone()), cancellationToken);
                resumed.Add(bookmark.WorkflowInstanceId);
            }
            catch (Exception exception) when (exception is BookmarkNotFoundException or ConcurrencyConflictException or WorkflowNotFoundException)
            {
                LogEventSkipped(_logger, bookmark.WorkflowInstanceId, eventName, exception.Message);
            }
        }

        return resumed;
    }

    private static bool IsEvent(BookmarkRecord bookmark, string eventName)
    {
        if (bookmark.PayloadJson is null)
        {
            return false;
        }

        var payload = JsonNode.Parse(bookmark.PayloadJson) as JsonObject;
        return payload?[Activities.Primitives.Event.EventNameProperty] is JsonValue value
            && value.TryGetValue(out string? name)
            && string.Equals(name, eventName, StringComparison.Ordinal);
    }

    public async Task<WorkflowInstanceView?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var snapshot = await _instances.LoadAsync(instanceId, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        // A step commits only at its end, so the stored status stays Pending while it runs on this node.
        // NOTE: only the node that runs the step reports Executing; other nodes sharing the database show Pending.
        var summary = snapshot.Summary.SubStatus == WorkflowSubStatus.Pending && _executing.ContainsKey(instanceId)
            ? snapshot.Summary with { SubStatus = WorkflowSubStatus.Executing }
            : snapshot.Summary;
        return ToView(summary, WorkflowStateSerializer.Deserialize(snapshot.StateJson));
    }

    private async Task<Workflow> ResolveWorkflowAsync(StartWorkflowRequest request, CancellationToken cancellationToken)
    {
        var record = request.VersionId is { } versionId
            ? await _definitions.FindByIdAsync(versionId, cancellationToken)
            : await _graphs.FindPublishedAsync(request.DefinitionId, cancellationToken);
        if (record is null || record.DefinitionId != request.DefinitionId)
        {
            throw new WorkflowNotFoundException(request.VersionId is null
                ? $"Workflow definition '{request.DefinitionId}' has no published version. Publish it first."
                : $"Workflow definition '{request.DefinitionId}' has no version '{request.VersionId}'.");
        }

        return _graphs.Get(record);
    }

    private WorkflowState NewState(Workflow workflow, StartWorkflowRequest request)
    {
        var state = WorkflowExecutionContext.CreateState(
            workflow,
            WorkflowExecutionContext.NewId(),
            request.Input,
            request.CorrelationId,
            request.Initiator,
            _timeProvider.GetUtcNow());
        CopyProperties(request, state);
        return state;
    }

    private static void CopyProperties(StartWorkflowRequest request, WorkflowState state)
    {
        state.TriggerActivityId = request.TriggerActivityId;
        if (request.Properties is { } properties)
        {
            state.Properties = (JsonObject)properties.DeepClone();
        }
    }

    private async Task<(WorkflowInstanceSummary Summary, WorkflowState State)> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var snapshot = await _instances.LoadAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow instance '{instanceId}' does not exist.");
        return (snapshot.Summary, WorkflowStateSerializer.Deserialize(snapshot.StateJson));
    }

    private async Task<WorkflowInstanceSummary> CommitAsync(
        WorkflowExecutionContext context, InstanceLease? lease, long? expectedRevision, IReadOnlyList<object> extraChanges, CancellationToken cancellationToken)
    {
        var state = context.State;
        var summary = ToSummary(state, (expectedRevision ?? 0) + 1);
        var added = context.AddedBookmarks.ToList();
        var commit = new WorkflowCommit
        {
            Summary = summary,
            StateJson = WorkflowStateSerializer.Serialize(state),
            ExpectedRevision = expectedRevision,
            AddedBookmarks = added.Select(bookmark => ToRecord(state, bookmark)).ToList(),
            RemovedBookmarkIds = context.RemovedBookmarkIds.ToList(),
            Journal = context.JournalEntries,
            Changes = extraChanges.Count == 0 ? context.Changes : [.. context.Changes, .. extraChanges],
            StartedInstances = StartedInstanceCommits(context),
        };

        // The revision check rejects a commit over a newer one. Checking the lease as well keeps a node whose lease
        // expired from committing first and leaving the new holder's step to fail.
        if (lease is not null)
        {
            await lease.EnsureHeldAsync(cancellationToken);
        }

        await _committer.CommitAsync(commit, cancellationToken);
        AfterCommit(state, added, commit.Changes);
        await AfterCompositionCommitAsync(context, cancellationToken);
        return summary;
    }

    private void AfterCommit(WorkflowState state, IReadOnlyList<BookmarkState> added, IReadOnlyList<object> changes)
    {
        foreach (var change in changes)
        {
            if (change is OutboxMessage)
            {
                _outboxSignal.Notify();
                break;
            }
        }

        foreach (var bookmark in added)
        {
            if (bookmark.DueAt is { } dueAt)
            {
                var timer = new DurableTimer(bookmark.Id, state.Id, bookmark.Id, dueAt);
                foreach (var scheduler in _timerSchedulers)
                {
                    scheduler.Schedule(timer);
                }
            }
        }

        if (state.SubStatus == WorkflowSubStatus.Pending)
        {
            _workQueue.Enqueue(state.Id);
        }

        foreach (var observer in _commitObservers)
        {
            observer.OnCommitted(state.Id, state.SubStatus);
        }
    }

    private static BookmarkRecord ToRecord(WorkflowState state, BookmarkState bookmark) => new(
        bookmark.Id,
        state.Id,
        bookmark.ActivityId,
        bookmark.ActivityInstanceId,
        bookmark.Name,
        bookmark.Payload?.ToJsonString(),
        state.CorrelationId,
        bookmark.CreatedAt,
        bookmark.DueAt);

    internal static WorkflowInstanceSummary ToSummary(WorkflowState state, long revision) => new()
    {
        Id = state.Id,
        DefinitionId = state.DefinitionId,
        DefinitionVersionId = state.DefinitionVersionId,
        Version = state.Version,
        SubStatus = state.SubStatus,
        CorrelationId = state.CorrelationId,
        Name = state.Name,
        Initiator = state.Initiator,
        IncidentCount = state.Incidents.Count,
        CreatedAt = state.CreatedAt,
        UpdatedAt = state.UpdatedAt,
        FinishedAt = state.FinishedAt,
        Revision = revision,
    };

    /// <summary>Builds a view over the state's own objects: every caller discards the state afterwards.</summary>
    private static WorkflowInstanceView ToView(WorkflowInstanceSummary summary, WorkflowState state) =>
        new(summary, state.Input, state.Output, state.Variables, state.Incidents);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} ran to {SubStatus}")]
    private static partial void LogExecuted(ILogger logger, string workflowInstanceId, string definitionId, WorkflowSubStatus subStatus);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} dispatched")]
    private static partial void LogDispatched(ILogger logger, string workflowInstanceId, string definitionId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} resume of bookmark {BookmarkId} committed")]
    private static partial void LogResumeCommitted(ILogger logger, string workflowInstanceId, string bookmarkId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} cancelled")]
    private static partial void LogCancelled(ILogger logger, string workflowInstanceId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} skipped for event {EventName}: {Reason}")]
    private static partial void LogEventSkipped(ILogger logger, string workflowInstanceId, string eventName, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} returned again for a repeated idempotency key")]
    private static partial void LogIdempotentDispatch(ILogger logger, string workflowInstanceId, string definitionId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} is leased by another node, which runs its pending work; skipped here")]
    private static partial void LogLeasedElsewhere(ILogger logger, string workflowInstanceId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} retried")]
    private static partial void LogRetried(ILogger logger, string workflowInstanceId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} deleted while {SubStatus}")]
    private static partial void LogDeleted(ILogger logger, string workflowInstanceId, string definitionId, WorkflowSubStatus subStatus);
}
