using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Keeps tasks in memory and applies task changes of in-memory commits. For tests and database-less hosts.</summary>
public sealed class InMemoryHumanTaskStore : IHumanTaskStore, ICommitChangeHandler
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HumanTask> _tasks = new(StringComparer.Ordinal);
    private readonly List<HumanTaskHistoryEntry> _history = [];
    private readonly List<HumanTaskComment> _comments = [];
    private readonly List<HumanTaskAttachment> _attachments = [];
    private readonly List<HumanTaskEvent> _events = [];

    /// <summary>The events written so far, oldest first.</summary>
    public IReadOnlyList<HumanTaskEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public Task<HumanTask?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.GetValueOrDefault(taskId));
        }
    }

    /// <summary>Every task in the store, in no particular order; the in-memory task search filters it.</summary>
    public IReadOnlyList<HumanTask> ListAll()
    {
        lock (_gate)
        {
            return _tasks.Values.ToList();
        }
    }

    public Task<Page<HumanTask>> ListInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var visible = _tasks.Values
                .Where(task => task.Status.IsOpen() && TaskAccess.CanSee(task, user))
                .OrderByDescending(task => task.Priority)
                .ThenBy(task => task.CreatedAt)
                .ThenBy(task => task.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new Page<HumanTask>(visible.Skip(page.Skip).Take(page.PageSize).ToList(), visible.Count));
        }
    }

    public Task<IReadOnlyList<HumanTask>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken = default) =>
        Select(_tasks.Values.Where(task => task.WorkflowInstanceId == workflowInstanceId).OrderBy(task => task.CreatedAt));

    public Task<IReadOnlyList<HumanTask>> ListByActivityInstanceAsync(string activityInstanceId, CancellationToken cancellationToken = default) =>
        Select(_tasks.Values.Where(task => task.ActivityInstanceId == activityInstanceId).OrderBy(task => task.CreatedAt).ThenBy(task => task.Id, StringComparer.Ordinal));

    public Task<IReadOnlyList<HumanTaskHistoryEntry>> GetHistoryAsync(string taskId, CancellationToken cancellationToken = default) =>
        Select(_history.Where(entry => entry.TaskId == taskId));

    public Task<IReadOnlyList<HumanTaskComment>> ListCommentsAsync(string taskId, CancellationToken cancellationToken = default) =>
        Select(_comments.Where(comment => comment.TaskId == taskId));

    public Task<IReadOnlyList<HumanTaskAttachment>> ListAttachmentsAsync(string taskId, CancellationToken cancellationToken = default) =>
        Select(_attachments.Where(attachment => attachment.TaskId == taskId).Select(attachment => attachment with { Content = ReadOnlyMemory<byte>.Empty }));

    public Task<HumanTaskAttachment?> FindAttachmentAsync(string taskId, string attachmentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_attachments.FirstOrDefault(attachment => attachment.TaskId == taskId && attachment.Id == attachmentId));
        }
    }

    public Task UpdateAsync(HumanTaskUpdated update, IReadOnlyList<object>? changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var task = update.Task;
        lock (_gate)
        {
            CheckRevision(task.Id, update.ExpectedRevision);
            _tasks[task.Id] = task;
            foreach (var change in changes ?? [])
            {
                Apply(change);
            }
        }

        return Task.CompletedTask;
    }

    public bool CanApply(object change) => change is HumanTaskCreated or HumanTaskUpdated or HumanTaskClosed or HumanTaskOverdue
        or HumanTaskHistoryEntry or HumanTaskEvent or HumanTaskComment or HumanTaskAttachment or HumanTaskAttachmentRemoved;

    public void Validate(object change)
    {
        if (change is HumanTaskUpdated updated)
        {
            lock (_gate)
            {
                CheckRevision(updated.Task.Id, updated.ExpectedRevision);
            }
        }
    }

    public void RemoveInstance(string workflowInstanceId)
    {
        lock (_gate)
        {
            var removed = _tasks.Values.Where(task => task.WorkflowInstanceId == workflowInstanceId).Select(task => task.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var id in removed)
            {
                _tasks.Remove(id);
            }

            _history.RemoveAll(entry => removed.Contains(entry.TaskId));
            _comments.RemoveAll(comment => removed.Contains(comment.TaskId));
            _attachments.RemoveAll(attachment => removed.Contains(attachment.TaskId));
        }
    }

    public void Apply(object change)
    {
        lock (_gate)
        {
            ApplyLocked(change);
        }
    }

    private void ApplyLocked(object change)
    {
        switch (change)
        {
            case HumanTaskCreated created:
                _tasks[created.Task.Id] = created.Task;
                break;

            case HumanTaskUpdated updated:
                _tasks[updated.Task.Id] = updated.Task;
                break;

            case HumanTaskClosed closed:
                foreach (var task in _tasks.Values.Where(task => task.ActivityInstanceId == closed.ActivityInstanceId && !task.Status.IsFinal() && !closed.ExceptTaskIds.Contains(task.Id)).ToList())
                {
                    var ended = task with { Status = closed.Status, UpdatedAt = closed.At, CompletedAt = closed.At, Revision = task.Revision + 1 };
                    _tasks[task.Id] = ended;
                    _history.Add(HumanTaskHistory.ForClose(task, closed));
                    _events.Add(HumanTaskHistory.EventForClose(ended, task.Assignee, closed));
                }

                break;

            case HumanTaskOverdue overdue:
                if (_tasks.TryGetValue(overdue.TaskId, out var due) && !due.Status.IsFinal() && due.OverdueAt is null)
                {
                    var marked = due with { OverdueAt = overdue.At, UpdatedAt = overdue.At, Revision = due.Revision + 1 };
                    _tasks[due.Id] = marked;
                    _history.Add(HumanTaskHistory.ForOverdue(marked, overdue));
                    _events.Add(HumanTaskHistory.EventForOverdue(marked, overdue));
                }

                break;

            case HumanTaskHistoryEntry entry:
                _history.Add(entry);
                break;

            case HumanTaskEvent taskEvent:
                _events.Add(taskEvent);
                break;

            case HumanTaskComment comment:
                _comments.Add(comment);
                break;

            case HumanTaskAttachment attachment:
                _attachments.Add(attachment);
                break;

            case HumanTaskAttachmentRemoved removed:
                _attachments.RemoveAll(attachment => attachment.TaskId == removed.TaskId && attachment.Id == removed.AttachmentId);
                break;
        }
    }

    private Task<IReadOnlyList<T>> Select<T>(IEnumerable<T> source)
    {
        lock (_gate)
        {
            IReadOnlyList<T> items = source.ToList();
            return Task.FromResult(items);
        }
    }

    private void CheckRevision(string taskId, long expectedRevision)
    {
        if (!_tasks.TryGetValue(taskId, out var stored) || stored.Revision != expectedRevision)
        {
            throw new ConcurrencyConflictException($"Task '{taskId}' changed since it was read (expected revision {expectedRevision}).");
        }
    }
}
