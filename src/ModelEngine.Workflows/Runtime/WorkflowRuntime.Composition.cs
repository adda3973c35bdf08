using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Parent and child instances. A step's commit inserts the children it started. After a commit, the runtime queues
/// those children, cancels the children of cancelled activities, and resumes the parent of a child that ended.
/// </summary>
/// <remarks>
/// Lock order: a child's end resumes its parent while the child's lock is held, so a child lock may be held while a
/// parent lock is taken, never the reverse. Cancelling children therefore runs after the parent's operation, on the
/// thread pool, without the parent's lock.
/// </remarks>
public sealed partial class WorkflowRuntime
{
    private static List<WorkflowCommit> StartedInstanceCommits(WorkflowExecutionContext context)
    {
        var commits = new List<WorkflowCommit>(context.StartedChildren.Count);
        foreach (var child in context.StartedChildren)
        {
            commits.Add(new WorkflowCommit
            {
                Summary = ToSummary(child.State, 1),
                StateJson = WorkflowStateSerializer.Serialize(child.State),
                ExpectedRevision = null,
                Journal = child.JournalEntries,
            });
        }

        return commits;
    }

    private async Task AfterCompositionCommitAsync(WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var child in context.StartedChildren)
        {
            LogChildStarted(_logger, child.State.Id, context.State.Id, child.State.DefinitionId);
            _workQueue.Enqueue(child.State.Id);
        }

        if (context.ChildrenToCancel.Count > 0)
        {
            var childIds = context.ChildrenToCancel.ToList();
            var parentId = context.State.Id;

            // NOTE: these cancellations are not durable. A node that stops before they run leaves the children
            // running; their end then finds no bookmark to resume in the parent.
            _ = Task.Run(() => CancelChildrenAsync(parentId, childIds), CancellationToken.None);
        }

        var state = context.State;
        if (state.Parent is { } parent && ChildWorkflowBookmarks.EndsWait(state.SubStatus))
        {
            await ResumeParentAsync(state.Id, parent, ChildWorkflowBookmarks.CreateResumeInput(state), cancellationToken);
        }
    }

    /// <summary>
    /// Resumes the parent's bookmark with the child's end. A bookmark already consumed (by the safety-net sweep or by
    /// another node) makes this a no-op. Any other failure is logged and left to the sweep, because the child's own
    /// change is already committed.
    /// </summary>
    internal async Task<bool> ResumeParentAsync(string childInstanceId, ParentLink parent, System.Text.Json.Nodes.JsonObject input, CancellationToken cancellationToken)
    {
        try
        {
            await ResumeAsync(new ResumeWorkflowRequest(parent.InstanceId, parent.BookmarkId, input), cancellationToken);
            LogParentResumed(_logger, parent.InstanceId, childInstanceId, parent.BookmarkId);
            return true;
        }
        catch (Exception exception) when (exception is BookmarkNotFoundException or ConcurrencyConflictException or WorkflowNotFoundException)
        {
            LogParentNotResumed(_logger, parent.InstanceId, childInstanceId, exception.Message);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogParentResumeFailed(_logger, exception, parent.InstanceId, childInstanceId);
            return false;
        }
    }

    private async Task CancelChildrenAsync(string parentId, IReadOnlyList<string> childIds)
    {
        foreach (var childId in childIds)
        {
            try
            {
                await CancelAsync(childId, CancellationToken.None);
                LogChildCancelled(_logger, childId, parentId);
            }
            catch (Exception exception) when (exception is WorkflowConflictException or WorkflowNotFoundException or ConcurrencyConflictException)
            {
                // The child already ended, was deleted, or changed under another node: nothing is left to cancel here.
                LogChildNotCancelled(_logger, childId, parentId, exception.Message);
            }
            catch (Exception exception)
            {
                LogChildCancelFailed(_logger, exception, childId, parentId);
            }
        }
    }

    [LoggerMessage(EventId = 1060, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} started as a child of {ParentInstanceId}")]
    private static partial void LogChildStarted(ILogger logger, string workflowInstanceId, string parentInstanceId, string definitionId);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} resumed by its child {ChildInstanceId} (bookmark {BookmarkId})")]
    private static partial void LogParentResumed(ILogger logger, string workflowInstanceId, string childInstanceId, string bookmarkId);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} not resumed by its child {ChildInstanceId}: {Reason}")]
    private static partial void LogParentNotResumed(ILogger logger, string workflowInstanceId, string childInstanceId, string reason);

    [LoggerMessage(EventId = 1063, Level = LogLevel.Warning, Message = "Resuming workflow instance {WorkflowInstanceId} after its child {ChildInstanceId} ended failed; the child sweep retries it")]
    private static partial void LogParentResumeFailed(ILogger logger, Exception exception, string workflowInstanceId, string childInstanceId);

    [LoggerMessage(EventId = 1064, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} cancelled with its parent {ParentInstanceId}")]
    private static partial void LogChildCancelled(ILogger logger, string workflowInstanceId, string parentInstanceId);

    [LoggerMessage(EventId = 1065, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} not cancelled with its parent {ParentInstanceId}: {Reason}")]
    private static partial void LogChildNotCancelled(ILogger logger, string workflowInstanceId, string parentInstanceId, string reason);

    [LoggerMessage(EventId = 1066, Level = LogLevel.Error, Message = "Cancelling workflow instance {WorkflowInstanceId} with its parent {ParentInstanceId} failed")]
    private static partial void LogChildCancelFailed(ILogger logger, Exception exception, string workflowInstanceId, string parentInstanceId);
}
