namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// The index of the HTTP triggers of published definitions, shared by every node on the database. The publication
/// handler writes it; requests to <c>/workflows/</c> read it.
/// </summary>
public interface IHttpTriggerStore
{
    /// <summary>Lists every trigger. Definitions have few triggers, so the list is read whole.</summary>
    Task<IReadOnlyList<HttpTrigger>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the triggers of <paramref name="definitionId"/> with <paramref name="triggers"/> in one transaction; an
    /// empty list removes them. Throws <see cref="Runtime.WorkflowConflictException"/>, naming the other definition,
    /// when another definition has a trigger with the same method and route key.
    /// </summary>
    Task ReplaceAsync(string definitionId, IReadOnlyList<HttpTrigger> triggers, CancellationToken cancellationToken = default);
}
