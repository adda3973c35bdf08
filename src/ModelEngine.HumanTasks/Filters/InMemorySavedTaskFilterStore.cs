using ModelEngine.HumanTasks.Inbox;

namespace ModelEngine.HumanTasks.Filters;

/// <summary>Keeps saved task filters in memory. For tests and database-less hosts.</summary>
public sealed class InMemorySavedTaskFilterStore : ISavedTaskFilterStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SavedTaskFilter> _filters = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<SavedTaskFilter>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SavedTaskFilter> filters = _filters.Values
                .Where(filter => filter.Owner == owner)
                .OrderBy(filter => filter.Name, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(filters);
        }
    }

    public Task<SavedTaskFilter?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_filters.GetValueOrDefault(id));
        }
    }

    public Task AddAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            CheckNameFree(filter);
            _filters.Add(filter.Id, filter);
        }

        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            if (!_filters.ContainsKey(filter.Id))
            {
                return Task.FromResult(false);
            }

            CheckNameFree(filter);
            _filters[filter.Id] = filter;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_filters.Remove(id));
        }
    }

    private void CheckNameFree(SavedTaskFilter filter)
    {
        if (_filters.Values.Any(other => other.Owner == filter.Owner && other.Name == filter.Name && other.Id != filter.Id))
        {
            throw new TaskConflictException(SavedTaskFilterErrors.NameTaken(filter.Owner, filter.Name));
        }
    }
}
