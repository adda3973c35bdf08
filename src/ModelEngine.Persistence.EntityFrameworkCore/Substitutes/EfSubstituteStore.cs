using Microsoft.EntityFrameworkCore;
using ModelEngine.HumanTasks.Substitutes;

namespace ModelEngine.Persistence.EntityFrameworkCore.Substitutes;

/// <summary>Stores out-of-office rules in the SubstituteRules table.</summary>
internal sealed class EfSubstituteStore : ISubstituteStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfSubstituteStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task<IReadOnlyList<string>> GetPrincipalsAsync(string substitute, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(substitute);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.SubstituteRules.AsNoTracking()
            .Where(r => r.Substitute == substitute && r.From <= at && at < r.To)
            .Select(r => r.User)
            .Distinct()
            .OrderBy(user => user)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetSubstitutesAsync(string user, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.SubstituteRules.AsNoTracking()
            .Where(r => r.User == user && r.From <= at && at < r.To)
            .Select(r => r.Substitute)
            .Distinct()
            .OrderBy(substitute => substitute)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SubstituteRule>> ListAsync(string? user, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rules = context.SubstituteRules.AsNoTracking();
        if (user is not null)
        {
            rules = rules.Where(r => r.User == user || r.Substitute == user);
        }

        var entities = await rules.OrderBy(r => r.From).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.ConvertAll(ToRule);
    }

    public async Task<SubstituteRule?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.SubstituteRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRule(entity);
    }

    public async Task AddAsync(SubstituteRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.SubstituteRules.Add(new SubstituteRuleEntity
        {
            Id = rule.Id,
            User = rule.User,
            Substitute = rule.Substitute,
            From = rule.From,
            To = rule.To,
            CreatedBy = rule.CreatedBy,
            CreatedAt = rule.CreatedAt,
        });
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await context.SubstituteRules.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    private static SubstituteRule ToRule(SubstituteRuleEntity entity) => new()
    {
        Id = entity.Id,
        User = entity.User,
        Substitute = entity.Substitute,
        From = entity.From,
        To = entity.To,
        CreatedBy = entity.CreatedBy,
        CreatedAt = entity.CreatedAt,
    };
}
