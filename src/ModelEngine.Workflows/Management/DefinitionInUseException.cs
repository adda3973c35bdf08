namespace ModelEngine.Workflows.Management;

/// <summary>
/// A definition cannot be deleted because instances of it are still Running. The API returns 409 with the count.
/// </summary>
public sealed class DefinitionInUseException : Exception
{
    public DefinitionInUseException(string definitionId, long runningInstanceCount)
        : base($"Workflow definition '{definitionId}' has {runningInstanceCount} running instance(s). Wait for them to finish, cancel them, or delete with force=true to cancel them.")
    {
        DefinitionId = definitionId;
        RunningInstanceCount = runningInstanceCount;
    }

    public string DefinitionId { get; }

    /// <summary>The number of Pending, Executing or Suspended instances of the definition when the delete was rejected.</summary>
    public long RunningInstanceCount { get; }
}
