namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Applies one kind of commit change in the in-memory store, so that modules such as human tasks work without a
/// database in tests.
/// </summary>
public interface ICommitChangeHandler
{
    /// <summary>Checks a change before anything is written; throws to fail the whole commit.</summary>
    bool CanApply(object change);

    void Validate(object change);

    void Apply(object change);

    /// <summary>Removes what this handler keeps for an instance, such as its tasks, when the instance is deleted.</summary>
    void RemoveInstance(string workflowInstanceId);
}
