namespace ModelEngine.HumanTasks.Filters;

/// <summary>Keeps users' saved task filters. Callers check ownership; the store checks that names are unique per owner.</summary>
public interface ISavedTaskFilterStore
{
    /// <summary>The filters of <paramref name="owner"/>, by name.</summary>
    Task<IReadOnlyList<SavedTaskFilter>> ListAsync(string owner, CancellationToken cancellationToken = default);

    Task<SavedTaskFilter?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds a filter.</summary>
    /// <exception cref="Inbox.TaskConflictException">The owner already has a filter with that name.</exception>
    Task AddAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Replaces a filter; returns <see langword="false"/> when it does not exist.</summary>
    /// <exception cref="Inbox.TaskConflictException">The owner already has another filter with the new name.</exception>
    Task<bool> UpdateAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Deletes a filter; returns <see langword="false"/> when it does not exist.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
