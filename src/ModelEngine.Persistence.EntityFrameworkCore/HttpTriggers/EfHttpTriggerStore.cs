using Microsoft.EntityFrameworkCore;
using ModelEngine.Workflows.Activities.Http;

namespace ModelEngine.Persistence.EntityFrameworkCore.HttpTriggers;

/// <summary>Reads and replaces rows of the HttpTriggers table.</summary>
internal sealed class EfHttpTriggerStore : IHttpTriggerStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;

    public EfHttpTriggerStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
    }

    public async Task<IReadOnlyList<HttpTrigger>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.HttpTriggers.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToTrigger).ToList();
    }

    public async Task ReplaceAsync(string definitionId, IReadOnlyList<HttpTrigger> triggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ArgumentNullException.ThrowIfNull(triggers);

        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await context.HttpTriggers.Where(e => e.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var trigger in triggers)
        {
            context.HttpTriggers.Add(ToEntity(trigger));
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw await DescribeConflictAsync(triggers, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Exception> DescribeConflictAsync(IReadOnlyList<HttpTrigger> triggers, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(cancellationToken).ConfigureAwait(false);
        return HttpTriggerConflicts.Find(triggers, existing) is var (claimed, other)
            ? HttpTriggerConflicts.ToException(claimed, other)
            : new Workflows.Runtime.WorkflowConflictException(
                $"Another node changed the HTTP triggers of the routes of '{triggers[0].DefinitionId}' at the same time. Publish again.");
    }

    private static HttpTriggerEntity ToEntity(HttpTrigger trigger) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        DefinitionId = trigger.DefinitionId,
        VersionId = trigger.VersionId,
        ActivityId = trigger.ActivityId,
        Method = trigger.Method,
        Path = trigger.Path,
        RouteKey = trigger.RouteKey,
        Authorize = trigger.Authorize,
        Policy = trigger.Policy,
    };

    private static HttpTrigger ToTrigger(HttpTriggerEntity entity) => new(
        entity.DefinitionId, entity.VersionId, entity.ActivityId, entity.Method, entity.Path, entity.RouteKey, entity.Authorize, entity.Policy);
}
