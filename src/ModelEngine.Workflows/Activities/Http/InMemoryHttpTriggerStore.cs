namespace ModelEngine.Workflows.Activities.Http;

/// <summary>Keeps the HTTP trigger index in memory, for tests and hosts without a database.</summary>
public sealed class InMemoryHttpTriggerStore : IHttpTriggerStore
{
    private readonly object _gate = new();
    private readonly List<HttpTrigger> _triggers = [];

    public Task<IReadOnlyList<HttpTrigger>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HttpTrigger>>(_triggers.ToList());
        }
    }

    public Task ReplaceAsync(string definitionId, IReadOnlyList<HttpTrigger> triggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ArgumentNullException.ThrowIfNull(triggers);
        lock (_gate)
        {
            if (HttpTriggerConflicts.Find(triggers, _triggers) is var (claimed, existing))
            {
                throw HttpTriggerConflicts.ToException(claimed, existing);
            }

            _triggers.RemoveAll(trigger => trigger.DefinitionId == definitionId);
            _triggers.AddRange(triggers);
        }

        return Task.CompletedTask;
    }
}
