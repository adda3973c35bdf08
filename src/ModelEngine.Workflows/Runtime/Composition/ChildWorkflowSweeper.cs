using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Runtime.Composition;

/// <summary>
/// The safety net for parents that wait on a child: it resumes every waiting parent whose child already ended, in
/// case the node that ended the child stopped between the child's commit and the parent's resume. Hosts run it at
/// start-up and periodically. Racing with the child's own resume is harmless: the bookmark is consumed once, so the
/// second resume finds no bookmark and does nothing.
/// </summary>
public sealed partial class ChildWorkflowSweeper
{
    private readonly IWorkflowInstanceStore _instances;
    private readonly IWorkflowRuntime _runtime;
    private readonly ILogger<ChildWorkflowSweeper> _logger;

    public ChildWorkflowSweeper(IWorkflowInstanceStore instances, IWorkflowRuntime runtime, ILogger<ChildWorkflowSweeper> logger)
    {
        _instances = instances;
        _runtime = runtime;
        _logger = logger;
    }

    /// <summary>Resumes the parents whose child is Finished, Cancelled or deleted, and returns how many it resumed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        // NOTE: this reads every waiting child bookmark and the summary of each child. An index of children by
        // status would avoid reading the ones still running.
        var bookmarks = await _instances.ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, null, cancellationToken).ConfigureAwait(false);
        var resumed = 0;
        foreach (var bookmark in bookmarks)
        {
            var childId = ChildWorkflowBookmarks.ReadChildInstanceId(bookmark.PayloadJson);
            if (childId is null)
            {
                continue;
            }

            var input = await ReadEndAsync(childId, cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                continue;
            }

            try
            {
                await _runtime.ResumeAsync(new ResumeWorkflowRequest(bookmark.WorkflowInstanceId, bookmark.Id, input), cancellationToken).ConfigureAwait(false);
                resumed++;
                LogParentResumed(_logger, bookmark.WorkflowInstanceId, childId);
            }
            catch (Exception exception) when (exception is BookmarkNotFoundException or ConcurrencyConflictException or WorkflowNotFoundException)
            {
                LogParentSkipped(_logger, bookmark.WorkflowInstanceId, childId, exception.Message);
            }
        }

        return resumed;
    }

    /// <summary>Returns the resume input for the parent when the child's wait is over, or <see langword="null"/> while it runs.</summary>
    private async Task<JsonObject?> ReadEndAsync(string childId, CancellationToken cancellationToken)
    {
        var summary = await _instances.FindSummaryAsync(childId, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return ChildWorkflowBookmarks.CreateResumeInput(childId, ChildWorkflowBookmarks.NotFoundStatus, null);
        }

        if (!ChildWorkflowBookmarks.EndsWait(summary.SubStatus))
        {
            return null;
        }

        var snapshot = await _instances.LoadAsync(childId, cancellationToken).ConfigureAwait(false);
        return snapshot is null
            ? ChildWorkflowBookmarks.CreateResumeInput(childId, ChildWorkflowBookmarks.NotFoundStatus, null)
            : ChildWorkflowBookmarks.CreateResumeInput(WorkflowStateSerializer.Deserialize(snapshot.StateJson));
    }

    [LoggerMessage(EventId = 1070, Level = LogLevel.Information, Message = "Child sweep resumed workflow instance {WorkflowInstanceId} after its child {ChildInstanceId} ended")]
    private static partial void LogParentResumed(ILogger logger, string workflowInstanceId, string childInstanceId);

    [LoggerMessage(EventId = 1071, Level = LogLevel.Debug, Message = "Child sweep skipped workflow instance {WorkflowInstanceId} (child {ChildInstanceId}): {Reason}")]
    private static partial void LogParentSkipped(ILogger logger, string workflowInstanceId, string childInstanceId, string reason);
}
