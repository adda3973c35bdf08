using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Persistence.EntityFrameworkCore.Credentials;

/// <summary>Stores API keys in the ApiKeys table.</summary>
internal sealed class EfApiKeyStore : IApiKeyStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfApiKeyStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // A taken name is a caller error, so it is checked before the INSERT. A unique violation there makes EF Core log
        // "Failed executing DbCommand" at Error. Only two requests racing for the same name still reach the catch below.
        if (await context.ApiKeys.AnyAsync(e => e.Name == key.Name, cancellationToken).ConfigureAwait(false))
        {
            throw NameTaken(key.Name, innerException: null);
        }

        context.ApiKeys.Add(new ApiKeyEntity
        {
            Id = key.Id,
            Name = key.Name,
            Hash = key.Hash,
            GroupsJson = JsonSerializer.Serialize(key.Groups),
            CreatedAt = key.CreatedAt,
            CreatedBy = key.CreatedBy,
            ExpiresAt = key.ExpiresAt,
            RevokedAt = key.RevokedAt,
            RevokedBy = key.RevokedBy,
        });

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            throw NameTaken(key.Name, exception);
        }
    }

    private static ConcurrencyConflictException NameTaken(string name, Exception? innerException) =>
        new($"An API key named '{name}' exists already. Names stay taken after a key is revoked; choose another name.", innerException);

    public async Task<StoredApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(e => e.Hash == hash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async Task<StoredApiKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async Task<Page<StoredApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (skip, take) = page.ToSkipTake();
        var totalCount = await context.ApiKeys.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.ApiKeys.AsNoTracking()
            .OrderBy(e => e.Name)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<StoredApiKey>(entities.Select(ToRecord).ToList(), totalCount);
    }

    public async Task<ApiKeyRevocation> RevokeAsync(string id, string revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(revokedBy);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // The condition on RevokedAt makes the first of two concurrent revocations the one that is recorded.
        var updated = await context.ApiKeys
            .Where(e => e.Id == id && e.RevokedAt == null)
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(e => e.RevokedAt, revokedAt).SetProperty(e => e.RevokedBy, revokedBy),
                cancellationToken)
            .ConfigureAwait(false);
        if (updated == 1)
        {
            return ApiKeyRevocation.Revoked;
        }

        var exists = await context.ApiKeys.AnyAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        return exists ? ApiKeyRevocation.AlreadyRevoked : ApiKeyRevocation.NotFound;
    }

    private static StoredApiKey ToRecord(ApiKeyEntity entity) => new()
    {
        Id = entity.Id,
        Name = entity.Name,
        Hash = entity.Hash,
        Groups = JsonSerializer.Deserialize<List<string>>(entity.GroupsJson) ?? [],
        CreatedAt = entity.CreatedAt,
        CreatedBy = entity.CreatedBy,
        ExpiresAt = entity.ExpiresAt,
        RevokedAt = entity.RevokedAt,
        RevokedBy = entity.RevokedBy,
    };
}
