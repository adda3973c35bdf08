using Microsoft.EntityFrameworkCore;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Persistence.EntityFrameworkCore.Credentials;

/// <summary>Stores refresh tokens in the RefreshTokens table and rotates them in one transaction.</summary>
internal sealed class EfRefreshTokenStore : IRefreshTokenStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfRefreshTokenStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task CreateAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.RefreshTokens.Add(ToEntity(token));
        await SaveAsync(context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RefreshTokenRotation> RotateAsync(
        string presentedHash,
        string newHash,
        DateTimeOffset newExpiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentedHash);
        ArgumentNullException.ThrowIfNull(newHash);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The conditional update claims the token. Of two concurrent exchanges, the second one waits for the first's
        // row lock, then finds UsedAt set, updates nothing and is treated as reuse below.
        var claimed = await context.RefreshTokens
            .Where(e => e.TokenHash == presentedHash && e.UsedAt == null && e.RevokedAt == null && e.ExpiresAt > now)
            .ExecuteUpdateAsync(setters => setters.SetProperty(e => e.UsedAt, now), cancellationToken)
            .ConfigureAwait(false);

        var presented = await context.RefreshTokens.AsNoTracking()
            .FirstOrDefaultAsync(e => e.TokenHash == presentedHash, cancellationToken)
            .ConfigureAwait(false);
        if (presented is null)
        {
            return new RefreshTokenRotation(RefreshTokenRotationStatus.Unknown, null, null);
        }

        if (claimed == 1)
        {
            var issued = new RefreshTokenEntity
            {
                Id = Guid.NewGuid().ToString("N"),
                TokenHash = newHash,
                FamilyId = presented.FamilyId,
                UserName = presented.UserName,
                CreatedAt = now,
                ExpiresAt = newExpiresAt,
            };
            context.RefreshTokens.Add(issued);
            await SaveAsync(context, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RefreshTokenRotation(RefreshTokenRotationStatus.Rotated, ToRecord(presented), ToRecord(issued));
        }

        if (presented.RevokedAt is not null)
        {
            return new RefreshTokenRotation(RefreshTokenRotationStatus.Revoked, ToRecord(presented), null);
        }

        if (presented.UsedAt is not null)
        {
            await RevokeFamilyAsync(context, presented.FamilyId, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RefreshTokenRotation(RefreshTokenRotationStatus.Reused, ToRecord(presented), null);
        }

        return new RefreshTokenRotation(RefreshTokenRotationStatus.Expired, ToRecord(presented), null);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default)
    {
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.RefreshTokens
            .Where(e => e.ExpiresAt < expiredBefore)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<int> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await RevokeFamilyAsync(context, familyId, now, cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> RevokeFamilyAsync(ModelEngineDbContext context, string familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        context.RefreshTokens
            .Where(e => e.FamilyId == familyId && e.RevokedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(e => e.RevokedAt, now), cancellationToken);

    private static async Task SaveAsync(ModelEngineDbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            throw new ConcurrencyConflictException("A refresh token with the same hash exists already. Nothing was written.", exception);
        }
    }

    private static RefreshTokenEntity ToEntity(RefreshTokenRecord token) => new()
    {
        Id = token.Id,
        TokenHash = token.TokenHash,
        FamilyId = token.FamilyId,
        UserName = token.UserName,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        UsedAt = token.UsedAt,
        RevokedAt = token.RevokedAt,
    };

    private static RefreshTokenRecord ToRecord(RefreshTokenEntity entity) => new()
    {
        Id = entity.Id,
        TokenHash = entity.TokenHash,
        FamilyId = entity.FamilyId,
        UserName = entity.UserName,
        CreatedAt = entity.CreatedAt,
        ExpiresAt = entity.ExpiresAt,
        UsedAt = entity.UsedAt,
        RevokedAt = entity.RevokedAt,
    };
}
