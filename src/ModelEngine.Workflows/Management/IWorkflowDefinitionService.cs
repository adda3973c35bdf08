using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Management;

/// <summary>Saves, publishes, retracts, reverts, deletes, imports and exports definitions in Elsa 3's JSON shape.</summary>
public interface IWorkflowDefinitionService
{
    /// <summary>
    /// Saves a definition model. A draft is saved whatever it contains, with every problem in
    /// <see cref="SaveDefinitionResult.Warnings"/>. With <paramref name="publish"/>, a definition with any error is
    /// refused with <see cref="Validation.DefinitionValidationException"/>. A client-sent <c>definitionId</c> is kept;
    /// saving over a published version creates version n+1, and saving over a draft updates the draft.
    /// </summary>
    Task<SaveDefinitionResult> SaveAsync(JsonObject model, bool publish, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Publishes the latest version of a definition, after validating it.</summary>
    Task<WorkflowDefinitionRecord> PublishAsync(string definitionId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Imports an Elsa 3 export file, keeping its <c>definitionId</c> and its <c>isPublished</c> flag.</summary>
    Task<SaveDefinitionResult> ImportAsync(JsonObject model, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Returns the latest version as an export file, or <see langword="null"/> when the definition does not exist.</summary>
    Task<JsonObject?> ExportAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Returns the model of the latest version, with its header fields current.</summary>
    Task<JsonObject?> GetLatestAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the versions of a definition, newest first. Throws <see cref="Runtime.WorkflowNotFoundException"/> when
    /// the definition does not exist.
    /// </summary>
    Task<Page<WorkflowDefinitionSummary>> ListVersionsAsync(string definitionId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Unpublishes the published version, so that no new instance can start until a version is published again.
    /// Running instances keep running on their version. Returns the retracted version. Throws
    /// <see cref="Runtime.WorkflowNotFoundException"/> when the definition does not exist, and
    /// <see cref="Runtime.WorkflowConflictException"/> when it has no published version.
    /// </summary>
    Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies an earlier version as a new latest draft, numbered one above the current latest version, and returns the
    /// copy. The published version, if any, stays published. Throws <see cref="Runtime.WorkflowNotFoundException"/>
    /// when the definition or the version does not exist.
    /// </summary>
    Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every version of a definition and returns how many were deleted. While instances of it are Running,
    /// it throws <see cref="DefinitionInUseException"/>, unless <paramref name="force"/> is set: then it cancels those
    /// instances first, so their tasks become Exited. Finished instances are kept. Throws
    /// <see cref="Runtime.WorkflowNotFoundException"/> when the definition does not exist.
    /// </summary>
    Task<int> DeleteAsync(string definitionId, bool force, CancellationToken cancellationToken = default);
}
