using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Keeps tasks in memory and applies task changes of in-memory commits. For tests and database-less hosts.</summary>
public sealed class InMemoryHumanTaskStore : IHumanTaskStore, ICommitChangeHandler
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HumanTask> _tasks = new(StringComparer.Ordinal);

    public Task<HumanTask?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.GetValueOrDefault(taskId));
        }
    }

    public Task<Page<HumanTask>> ListInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var visible = _tasks.Values
                .Where(task => task.Status.IsOpen() && HumanTaskService.CanSee(task, user))
                .OrderByDescending(task => task.Priority)
                .ThenBy(task => task.CreatedAt)
                .ThenBy(task => task.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new Page<HumanTask>(visible.Skip(page.Skip).Take(page.PageSize).ToList(), visible.Count));
        }
    }

    public Task<IReadOnlyList<HumanTask>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HumanTask> tasks = _tasks.Values.Where(task => task.WorkflowInstanceId == workflowInstanceId).OrderBy(task => task.CreatedAt).ToList();
            return Task.FromResult(tasks);
        }
    }

    public Task UpdateAsync(HumanTask task, long expectedRevision, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            CheckRevision(task.Id, expectedRevision);
            _tasks[task.Id] = task;
        }

        return Task.CompletedTask;
    }

    public bool CanApply(object change) => change is HumanTaskCreated or HumanTaskUpdated or HumanTaskClosed or HumanTaskOverdue;

    public void Validate(object change)
    {
        if (change is HumanTaskUpdated updated)
        {
            CheckRevision(updated.Task.Id, updated.ExpectedRevision);
        }
    }

    public void RemoveInstance(string workflowInstanceId)
    {
        lock (_gate)
        {
            foreach (var task in _tasks.Values.Where(task => task.WorkflowInstanceId == workflowInstanceId).ToList())
            {
                _tasks.Remove(task.Id);
            }
        }
    }

    public void Apply(object change)
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
                foreach (var task in _tasks.Values.Where(task => task.ActivityInstanceId == closed.ActivityInstanceId && !task.Status.IsFinal()).ToList())
                {
                    _tasks[task.Id] = task with { Status = closed.Status, UpdatedAt = closed.At, Revision = task.Revision + 1 };
                }

                break;

            case HumanTaskOverdue overdue:
                if (_tasks.TryGetValue(overdue.TaskId, out var due) && !due.Status.IsFinal() && due.OverdueAt is null)
                {
                    _tasks[due.Id] = due with { OverdueAt = overdue.At, UpdatedAt = overdue.At, Revision = due.Revision + 1 };
                }

                break;
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
