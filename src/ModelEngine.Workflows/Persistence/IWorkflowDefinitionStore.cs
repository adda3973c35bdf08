namespace ModelEngine.Workflows.Persistence;

/// <summary>Stores definition versions.</summary>
public interface IWorkflowDefinitionStore
{
    Task<WorkflowDefinitionRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or updates every record in one transaction, matched by <see cref="WorkflowDefinitionRecord.Id"/>. The
    /// definition service uses it to add a version and clear the latest or published flag of the others at once.
    /// </summary>
    Task SaveAsync(IReadOnlyList<WorkflowDefinitionRecord> records, CancellationToken cancellationToken = default);
}
