using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>Stores saved task filters in the SavedTaskFilters table, whose unique (Owner, Name) index keeps names apart.</summary>
internal sealed class EfSavedTaskFilterStore : ISavedTaskFilterStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfSavedTaskFilterStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task<IReadOnlyList<SavedTaskFilter>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.SavedTaskFilters.AsNoTracking()
            .Where(f => f.Owner == owner)
            .OrderBy(f => f.Name)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(ToFilter);
    }

    public async Task<SavedTaskFilter?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.SavedTaskFilters.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToFilter(entity);
    }

    public async Task AddAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await CheckNameFreeAsync(context, filter, cancellationToken).ConfigureAwait(false);
        context.SavedTaskFilters.Add(ToEntity(filter));
        await SaveAsync(context, filter, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(SavedTaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await context.SavedTaskFilters.AnyAsync(f => f.Id == filter.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await CheckNameFreeAsync(context, filter, cancellationToken).ConfigureAwait(false);
        context.SavedTaskFilters.Update(ToEntity(filter));
        await SaveAsync(context, filter, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await context.SavedTaskFilters.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    /// <summary>
    /// Rejects a taken name before writing, because a unique violation makes EF Core log a failed command at Error. Two
    /// requests racing for the same name still reach the unique index, which <see cref="SaveAsync"/> reports the same way.
    /// </summary>
    private static async Task CheckNameFreeAsync(ModelEngineDbContext context, SavedTaskFilter filter, CancellationToken cancellationToken)
    {
        var taken = await context.SavedTaskFilters
            .AnyAsync(f => f.Owner == filter.Owner && f.Name == filter.Name && f.Id != filter.Id, cancellationToken)
            .ConfigureAwait(false);
        if (taken)
        {
            throw new TaskConflictException(SavedTaskFilterErrors.NameTaken(filter.Owner, filter.Name));
        }
    }

    private static async Task SaveAsync(ModelEngineDbContext context, SavedTaskFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            throw new TaskConflictException(SavedTaskFilterErrors.NameTaken(filter.Owner, filter.Name));
        }
    }

    private static SavedTaskFilterEntity ToEntity(SavedTaskFilter filter) => new()
    {
        Id = filter.Id,
        Owner = filter.Owner,
        Name = filter.Name,
        FilterJson = filter.Filter.ToJsonString(),
        Sort = filter.Sort,
        CreatedAt = filter.CreatedAt,
        UpdatedAt = filter.UpdatedAt,
    };

    private static SavedTaskFilter ToFilter(SavedTaskFilterEntity entity) => new()
    {
        Id = entity.Id,
        Owner = entity.Owner,
        Name = entity.Name,
        Filter = JsonNode.Parse(entity.FilterJson)?.AsObject() ?? [],
        Sort = entity.Sort,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
    };
}
