using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Tests.Composition;

/// <summary>
/// A committer that reports each commit matching a predicate once it is written, then waits <see cref="DelayAfter"/>
/// before returning, so that a test can run something else between a commit and what follows it.
/// </summary>
internal sealed class PausingCommitter(IWorkflowCommitter inner, Func<WorkflowCommit, bool> matches) : IWorkflowCommitter
{
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The wait after a matching commit, before the committer returns to the runtime.</summary>
    public TimeSpan DelayAfter { get; set; }

    /// <summary>Completes when the next matching commit has been written.</summary>
    public Task Committed => Volatile.Read(ref _committed).Task;

    /// <summary>Arms <see cref="Committed"/> for the next matching commit.</summary>
    public void Reset() => Volatile.Write(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(commit, cancellationToken);
        if (matches(commit))
        {
            Volatile.Read(ref _committed).TrySetResult();
            await Task.Delay(DelayAfter, cancellationToken);
        }
    }

    public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.DeleteInstanceAsync(instanceId, cancellationToken);
}
