using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// One execution step of an instance: it drains the instance's work queue on one thread until the instance
/// suspends, finishes or faults, and collects everything the step changed for a single commit.
/// </summary>
/// <remarks>
/// An instance has one writer at a time, so nothing here is thread-safe, and nothing here awaits with
/// <c>ConfigureAwait(false)</c>: the step must stay on the caller's logical flow.
/// </remarks>
public sealed partial class WorkflowExecutionContext
{
    internal static readonly IReadOnlyList<string> DefaultOutcomes = ["Done"];

    private readonly Dictionary<string, ActivityInstanceState> _instances;
    private readonly Queue<WorkItem> _queue;
    private readonly ExpressionEvaluatorRegistry _evaluators;
    private readonly Dictionary<string, BookmarkState> _addedBookmarks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedBookmarkIds = new(StringComparer.Ordinal);
    private bool _rootCompleted;
    private bool _faulted;
    private WorkItem? _faultedItem;

    public WorkflowExecutionContext(
        Workflow workflow,
        WorkflowState state,
        IServiceProvider services,
        ExpressionEvaluatorRegistry evaluators,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        Workflow = workflow;
        State = state;
        Services = services;
        TimeProvider = timeProvider;
        CancellationToken = cancellationToken;
        _evaluators = evaluators;
        _instances = state.Activities.ToDictionary(instance => instance.Id, StringComparer.Ordinal);
        _queue = new Queue<WorkItem>(state.Scheduled);
    }

    public Workflow Workflow { get; }

    public WorkflowState State { get; }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Journal records written during this step.</summary>
    public List<JournalEntry> JournalEntries { get; } = [];

    /// <summary>Changes owned by other modules, written in this step's commit.</summary>
    public List<object> Changes { get; } = [];

    /// <summary>Bookmarks created during this step and still held at its end.</summary>
    public IEnumerable<BookmarkState> AddedBookmarks => _addedBookmarks.Values;

    /// <summary>Ids of bookmarks that existed before this step and were removed during it.</summary>
    public IReadOnlyCollection<string> RemovedBookmarkIds => _removedBookmarkIds;

    /// <summary>Creates the state of a new instance, with its variables initialised and its root scheduled.</summary>
    public static WorkflowState CreateState(Workflow workflow, string instanceId, JsonObject? input, string? correlationId, string? initiator, DateTimeOffset now)
    {
        var state = new WorkflowState
        {
            Id = instanceId,
            DefinitionId = workflow.DefinitionId,
            DefinitionVersionId = workflow.VersionId,
            Version = workflow.Version,
            SubStatus = WorkflowSubStatus.Pending,
            CorrelationId = correlationId,
            Name = workflow.Name,
            Initiator = initiator,
            Input = input is null ? [] : (JsonObject)input.DeepClone(),
            CreatedAt = now,
            UpdatedAt = now,
        };

        foreach (var variable in workflow.Variables)
        {
            state.Variables[variable.Name] = VariableValueParser.Parse(variable);
        }

        var root = new ActivityInstanceState { Id = NewId(), NodeId = workflow.Root.NodeId, Status = ActivityStatus.Pending };
        state.Activities.Add(root);
        state.Scheduled.Add(new WorkItem { ActivityInstanceId = root.Id });
        return state;
    }

    /// <summary>Queues a resume of <paramref name="bookmark"/> and removes it from the state.</summary>
    public static void ScheduleResume(WorkflowState state, BookmarkState bookmark, JsonNode? input)
    {
        state.Bookmarks.Remove(bookmark);
        state.Scheduled.Add(new WorkItem { ActivityInstanceId = bookmark.ActivityInstanceId, Bookmark = bookmark, Input = input });
        state.SubStatus = WorkflowSubStatus.Pending;
    }

    /// <summary>Runs queued work until none is left, the instance faults, or cancellation is requested.</summary>
    public async ValueTask RunAsync()
    {
        State.SubStatus = WorkflowSubStatus.Executing;
        while (_queue.Count > 0 && !_faulted && !CancellationToken.IsCancellationRequested)
        {
            var item = _queue.Dequeue();
            if (!_instances.TryGetValue(item.ActivityInstanceId, out var instance))
            {
                // The activity was cancelled after this work was queued.
                continue;
            }

            var activity = Workflow.GetNode(instance.NodeId);
            var context = new ActivityExecutionContext(this, instance, activity);
            try
            {
                instance.Status = ActivityStatus.Running;
                if (item.Bookmark is null)
                {
                    await activity.ExecuteAsync(context);
                }
                else
                {
                    context.ResumedBookmark = item.Bookmark;
                    context.ResumeInput = item.Input;
                    AddJournal(JournalEvents.ActivityResumed, activity, null, null);
                    await activity.ResumeAsync(context);
                }

                await SettleAsync(context);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                Fault(activity, exception);

                // Keep the failed work first in the queue, so that a retry runs it again.
                if (_instances.ContainsKey(item.ActivityInstanceId))
                {
                    instance.Status = ActivityStatus.Pending;
                    _faultedItem = item;
                }
            }
        }

        Finish();
    }

    private async ValueTask SettleAsync(ActivityExecutionContext context)
    {
        if (context.IsCompleted || !_instances.ContainsKey(context.Instance.Id))
        {
            return;
        }

        if (State.Bookmarks.Any(bookmark => bookmark.ActivityInstanceId == context.Instance.Id))
        {
            context.Instance.Status = ActivityStatus.Suspended;
            AddJournal(JournalEvents.ActivitySuspended, context.Activity, null, null);
            return;
        }

        if (context.Activity.AutoComplete)
        {
            await context.CompleteAsync();
        }
    }

    private void Finish()
    {
        var now = TimeProvider.GetUtcNow();
        State.UpdatedAt = now;
        State.Activities = _instances.Values.ToList();
        State.Scheduled = _queue.Where(item => _instances.ContainsKey(item.ActivityInstanceId)).ToList();

        if (_faulted)
        {
            State.SubStatus = WorkflowSubStatus.Faulted;
            if (_faultedItem is not null)
            {
                State.Scheduled.Insert(0, _faultedItem);
            }

            State.FinishedAt = now;
            AddJournal(JournalEvents.WorkflowFaulted, null, State.Incidents[^1].Message, null);
        }
        else if (_rootCompleted)
        {
            State.SubStatus = WorkflowSubStatus.Finished;
            State.FinishedAt = now;
            AddJournal(JournalEvents.WorkflowFinished, null, null, null);
        }
        else if (State.Scheduled.Count > 0)
        {
            State.SubStatus = WorkflowSubStatus.Pending;
        }
        else
        {
            State.SubStatus = WorkflowSubStatus.Suspended;
        }
    }

    internal ActivityInstanceState Schedule(Activity activity, string? parentId)
    {
        var instance = new ActivityInstanceState { Id = NewId(), NodeId = activity.NodeId, ParentId = parentId, Status = ActivityStatus.Pending };
        _instances.Add(instance.Id, instance);
        _queue.Enqueue(new WorkItem { ActivityInstanceId = instance.Id });
        return instance;
    }

    internal bool TryGetActivityInstance(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActivityInstanceState? instance) =>
        _instances.TryGetValue(id, out instance);

    internal IEnumerable<ActivityInstanceState> GetChildren(string parentId)
    {
        foreach (var instance in _instances.Values)
        {
            if (instance.ParentId == parentId)
            {
                yield return instance;
            }
        }
    }

    internal async ValueTask CompleteActivityAsync(ActivityExecutionContext context, IReadOnlyList<string> outcomes)
    {
        var instance = context.Instance;
        RemoveBookmarksOf(instance.Id);
        _instances.Remove(instance.Id);
        AddJournal(JournalEvents.ActivityCompleted, context.Activity, null, OutcomesPayload(outcomes));

        if (instance.ParentId is null)
        {
            _rootCompleted = true;
            return;
        }

        if (_instances.TryGetValue(instance.ParentId, out var parent))
        {
            var parentContext = new ActivityExecutionContext(this, parent, Workflow.GetNode(parent.NodeId));
            await parentContext.Activity.OnChildCompletedAsync(parentContext, context, outcomes);
        }
    }

    internal async ValueTask CancelActivityAsync(ActivityInstanceState instance, CancellationReason reason)
    {
        foreach (var child in GetChildren(instance.Id).ToList())
        {
            await CancelActivityAsync(child, reason);
        }

        var activity = Workflow.GetNode(instance.NodeId);
        await activity.OnCancelledAsync(new ActivityExecutionContext(this, instance, activity), reason);
        RemoveBookmarksOf(instance.Id);
        _instances.Remove(instance.Id);
        AddJournal(JournalEvents.ActivityCancelled, activity, reason.ToString(), null);
    }

    /// <summary>Cancels every activity of the instance, for an instance cancel or a Finish activity.</summary>
    public async ValueTask CancelAllAsync(CancellationReason reason)
    {
        foreach (var instance in _instances.Values.Where(instance => instance.ParentId is null).ToList())
        {
            await CancelActivityAsync(instance, reason);
        }

        _queue.Clear();
    }

    /// <summary>Marks the instance cancelled after <see cref="CancelAllAsync"/>, for the cancel operation.</summary>
    public void MarkCancelled()
    {
        var now = TimeProvider.GetUtcNow();
        State.Activities = _instances.Values.ToList();
        State.Scheduled.Clear();
        State.SubStatus = WorkflowSubStatus.Cancelled;
        State.FinishedAt = now;
        State.UpdatedAt = now;
        AddJournal(JournalEvents.WorkflowCancelled, null, null, null);
    }

    /// <summary>
    /// Ends the instance from a Finish activity. The containers that enclose it, up to the root, complete with it. Every
    /// other activity is cancelled as Obsolete, so the journal shows only the abandoned branches as cancelled.
    /// </summary>
    internal async ValueTask FinishAsync(ActivityExecutionContext context)
    {
        _instances.Remove(context.Instance.Id);
        RemoveBookmarksOf(context.Instance.Id);
        AddJournal(JournalEvents.ActivityCompleted, context.Activity, null, null);

        var enclosing = new List<ActivityInstanceState>();
        for (var id = context.Instance.ParentId; id is not null && _instances.TryGetValue(id, out var container); id = container.ParentId)
        {
            enclosing.Add(container);
        }

        foreach (var container in enclosing)
        {
            foreach (var child in GetChildren(container.Id).Where(child => !enclosing.Contains(child)).ToList())
            {
                await CancelActivityAsync(child, CancellationReason.Obsolete);
            }
        }

        foreach (var root in _instances.Values.Where(instance => instance.ParentId is null && !enclosing.Contains(instance)).ToList())
        {
            await CancelActivityAsync(root, CancellationReason.Obsolete);
        }

        foreach (var container in enclosing)
        {
            RemoveBookmarksOf(container.Id);
            _instances.Remove(container.Id);
            AddJournal(JournalEvents.ActivityCompleted, Workflow.GetNode(container.NodeId), null, null);
        }

        _queue.Clear();
        _rootCompleted = true;
    }

    /// <summary>
    /// Ends the loop that encloses <paramref name="context"/>: the loop's body is cancelled and the loop completes with
    /// <c>Done</c>. Returns <see langword="false"/> when no loop encloses the activity.
    /// </summary>
    internal async ValueTask<bool> BreakLoopAsync(ActivityExecutionContext context)
    {
        var ancestorId = context.Instance.ParentId;
        while (ancestorId is not null && _instances.TryGetValue(ancestorId, out var ancestor))
        {
            var activity = Workflow.GetNode(ancestor.NodeId);
            if (activity is ILoopActivity)
            {
                foreach (var child in GetChildren(ancestor.Id).ToList())
                {
                    await CancelActivityAsync(child, CancellationReason.Obsolete);
                }

                await new ActivityExecutionContext(this, ancestor, activity).CompleteAsync();
                return true;
            }

            ancestorId = ancestor.ParentId;
        }

        return false;
    }

    /// <summary>Records an incident and faults the instance. Bookmarks and open tasks stay for a later retry.</summary>
    internal void Fault(Activity activity, Exception exception)
    {
        var message = exception switch
        {
            ExpressionEvaluationException or WorkflowFaultException => exception.Message,
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };

        State.Incidents.Add(new Incident(activity.Id, activity.Type, message, TimeProvider.GetUtcNow()));
        AddJournal(JournalEvents.ActivityFaulted, activity, message, null);
        _faulted = true;
    }

    private static readonly string s_doneOutcomes = """{"outcomes":["Done"]}""";

    private static string OutcomesPayload(IReadOnlyList<string> outcomes)
    {
        if (outcomes.Count == 1 && outcomes[0] == "Done")
        {
            return s_doneOutcomes;
        }

        var array = new JsonArray();
        foreach (var outcome in outcomes)
        {
            array.Add(outcome);
        }

        return new JsonObject { ["outcomes"] = array }.ToJsonString();
    }

    internal static string NewId() => Guid.NewGuid().ToString("N");
}
