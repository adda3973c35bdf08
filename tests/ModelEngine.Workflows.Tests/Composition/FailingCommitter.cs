using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Tests.Composition;

/// <summary>
/// A committer that, once armed with <see cref="FailNext"/>, fails the next commit matching a predicate before
/// writing anything, as a node that stops mid-commit would.
/// </summary>
internal sealed class FailingCommitter(IWorkflowCommitter inner, Func<WorkflowCommit, bool> matches) : IWorkflowCommitter
{
    private int _armed;

    public bool FailNext
    {
        get => Volatile.Read(ref _armed) == 1;
        set => Volatile.Write(ref _armed, value ? 1 : 0);
    }

    public int Failures { get; private set; }

    public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        if (matches(commit) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Failures++;
            throw new IOException($"Simulated crash before the commit of instance {commit.Summary.Id}.");
        }

        return inner.CommitAsync(commit, cancellationToken);
    }

    public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.DeleteInstanceAsync(instanceId, cancellationToken);
}
