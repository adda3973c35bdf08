namespace ModelEngine.Workflows.Persistence;

/// <summary>Stores definition versions.</summary>
public interface IWorkflowDefinitionStore
{
    Task<WorkflowDefinitionRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Returns one version of a definition by its number, or <see langword="null"/> when it does not exist.</summary>
    Task<WorkflowDefinitionRecord?> FindVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the versions of one definition, newest (highest version number) first.</summary>
    Task<Page<WorkflowDefinitionSummary>> ListVersionsAsync(string definitionId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or updates every record in one transaction, matched by <see cref="WorkflowDefinitionRecord.Id"/>. The
    /// definition service uses it to add a version and clear the latest or published flag of the others at once.
    /// </summary>
    Task SaveAsync(IReadOnlyList<WorkflowDefinitionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Deletes every version of a definition in one transaction and returns how many were deleted.</summary>
    Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default);
}
