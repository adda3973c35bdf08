using Microsoft.EntityFrameworkCore;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Search;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// Searches the HumanTasks table. Visibility and the candidate filters read the HumanTaskCandidates index, variable
/// filters the HumanTaskVariables index, and the next page starts after the cursor's key and id (keyset paging).
/// </summary>
internal sealed class EfTaskSearch : ITaskSearch
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly ISubstituteStore _substitutes;

    public EfTaskSearch(IDbContextFactory<ModelEngineDbContext> contextFactory, ISubstituteStore substitutes)
    {
        _contextFactory = contextFactory;
        _substitutes = substitutes;
    }

    public async Task<TaskSearchResult> SearchAsync(UserIdentity user, TaskSearchRequest request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        TaskSearchParser.Validate(request);

        var principals = await _substitutes.GetPrincipalsAsync(user.Name, now, cancellationToken).ConfigureAwait(false);

        // A search of open tasks alone, the default, reads only the candidate rows of open tasks.
        var statuses = request.Filter.Status.Count > 0 ? request.Filter.Status.Distinct().ToArray() : HumanTaskQueries.OpenStatuses;
        var openOnly = statuses.All(status => status.IsOpen());
        IQueryable<HumanTaskEntity> Matching(ModelEngineDbContext context)
        {
            var visible = context.HumanTasks.AsNoTracking();
            if (!user.IsAdmin)
            {
                visible = visible.VisibleTo(context, user, principals, openOnly);
            }

            return Filter(visible.Where(t => statuses.Contains(t.Status)), context, request.Filter, user, principals, openOnly);
        }

        // The page and the four counts are independent reads, so each runs on its own connection at the same time.
        var pageQuery = QueryAsync(context =>
        {
            var matching = Matching(context);
            var page = request.Cursor is { } cursor ? TaskSearchKeyset.After(matching, cursor) : matching;
            IQueryable<HumanTaskEntity> ordered = TaskSearchKeyset.Order(page, request.Sort);
            if (request.Cursor is null && request.Offset > 0)
            {
                ordered = ordered.Skip(request.Offset);
            }

            // The lowered title comes back with each row, so that a title cursor keeps the database's lowering.
            return ordered.Take(request.PageSize + 1)
                .Select(t => new PageRow(t, t.Title.ToLower()))
                .ToListAsync(cancellationToken);
        }, cancellationToken);
        var totalQuery = QueryAsync(context => Matching(context).LongCountAsync(cancellationToken), cancellationToken);
        var countsQuery = CountViewsAsync(user, principals, now, cancellationToken);
        await Task.WhenAll(pageQuery, totalQuery, countsQuery).ConfigureAwait(false);

        var rows = await pageQuery.ConfigureAwait(false);
        TaskSearchCursor? next = null;
        if (rows.Count > request.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = TaskSearchCursor.After(HumanTaskMapper.ToTask(last.Task), request.Sort);
            if (request.Sort.Field == TaskSortField.Title)
            {
                next = next with { TitleKey = last.LowerTitle };
            }
        }

        var items = rows.ConvertAll(row => HumanTaskMapper.ToTask(row.Task));

        return new TaskSearchResult(items, next, await totalQuery.ConfigureAwait(false), await countsQuery.ConfigureAwait(false));
    }

    /// <summary>A page row with its title as the database lowered it, the key of a title cursor.</summary>
    private sealed record PageRow(HumanTaskEntity Task, string LowerTitle);

    private async Task<T> QueryAsync<T>(Func<ModelEngineDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await query(context).ConfigureAwait(false);
    }

    private static IQueryable<HumanTaskEntity> Filter(
        IQueryable<HumanTaskEntity> rows, ModelEngineDbContext context, TaskSearchFilter filter, UserIdentity user, IReadOnlyList<string> principals, bool openOnly)
    {
        var candidates = openOnly ? context.HumanTaskCandidates.Where(c => !c.IsInactive) : context.HumanTaskCandidates;
        var variables = openOnly ? context.HumanTaskVariables.Where(v => !v.IsInactive) : context.HumanTaskVariables;
        if (filter.Assignee is { } assignee)
        {
            rows = rows.Where(t => t.Assignee == assignee);
        }

        if (filter.CandidateOfMe)
        {
            var names = principals.Append(user.Name).ToList();
            var groups = user.Groups.ToList();
            var offered = candidates
                .Where(c => (c.Kind == HumanTaskCandidateEntity.UserKind && names.Contains(c.Name))
                    || (c.Kind == HumanTaskCandidateEntity.GroupKind && groups.Contains(c.Name)))
                .Select(c => c.TaskId);
            rows = rows.Where(t => offered.Contains(t.Id));
        }

        if (filter.Group is { } group)
        {
            var offered = candidates
                .Where(c => c.Kind == HumanTaskCandidateEntity.GroupKind && c.Name == group)
                .Select(c => c.TaskId);
            rows = rows.Where(t => offered.Contains(t.Id));
        }

        if (filter.DefinitionId is { } definitionId)
        {
            rows = rows.Where(t => t.DefinitionId == definitionId);
        }

        if (filter.WorkflowInstanceId is { } instanceId)
        {
            rows = rows.Where(t => t.WorkflowInstanceId == instanceId);
        }

        if (filter.DueBefore is { } dueBefore)
        {
            rows = rows.Where(t => t.DueAt < dueBefore);
        }

        if (filter.DueAfter is { } dueAfter)
        {
            rows = rows.Where(t => t.DueAt >= dueAfter);
        }

        if (filter.Text is { } text)
        {
            // Contains translates to instr, strpos or an escaped LIKE, so % and _ in the text match themselves. The
            // text is lowered here and the columns by the database.
            // NOTE: SQLite's lower() folds ASCII letters only, so on SQLite a non-ASCII letter matches its own case only.
            var part = text.ToLowerInvariant();
            rows = rows.Where(t => t.Title.ToLower().Contains(part) || (t.Description != null && t.Description.ToLower().Contains(part)));
        }

        if (filter.MinPriority is { } min)
        {
            rows = rows.Where(t => t.Priority >= min);
        }

        if (filter.MaxPriority is { } max)
        {
            rows = rows.Where(t => t.Priority <= max);
        }

        foreach (var condition in filter.Variables)
        {
            var name = condition.Name;
            IQueryable<string> matched;
            if (condition.Operator == VariableFilterOperator.Equals)
            {
                var value = condition.Value;
                matched = variables.Where(v => v.Name == name && v.ValueText == value).Select(v => v.TaskId);
            }
            else
            {
                var part = HumanTaskVariables.Normalize(condition.Value);
                matched = variables.Where(v => v.Name == name && v.NormalizedText.Contains(part)).Select(v => v.TaskId);
            }

            rows = rows.Where(t => matched.Contains(t.Id));
        }

        return rows;
    }

    private async Task<TaskSearchCounts> CountViewsAsync(
        UserIdentity user, IReadOnlyList<string> principals, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var openStatuses = HumanTaskQueries.OpenStatuses;
        var name = user.Name;
        var groups = user.Groups.ToList();

        var mine = QueryAsync(context => context.HumanTasks
            .Where(t => t.Assignee == name && openStatuses.Contains(t.Status))
            .LongCountAsync(cancellationToken), cancellationToken);

        var myGroups = groups.Count == 0
            ? Task.FromResult(0L)
            : QueryAsync(context =>
            {
                var groupTaskIds = context.HumanTaskCandidates
                    .Where(c => c.Kind == HumanTaskCandidateEntity.GroupKind && groups.Contains(c.Name) && !c.IsInactive)
                    .Select(c => c.TaskId);
                return context.HumanTasks
                    .Where(t => groupTaskIds.Contains(t.Id) && openStatuses.Contains(t.Status))
                    .LongCountAsync(cancellationToken);
            }, cancellationToken);

        var overdue = QueryAsync(context =>
        {
            var visible = user.IsAdmin ? context.HumanTasks.AsNoTracking() : context.HumanTasks.AsNoTracking().VisibleTo(context, user, principals, openOnly: true);
            return visible
                .Where(t => openStatuses.Contains(t.Status) && t.DueAt < now)
                .LongCountAsync(cancellationToken);
        }, cancellationToken);

        await Task.WhenAll(mine, myGroups, overdue).ConfigureAwait(false);
        return new TaskSearchCounts(await mine.ConfigureAwait(false), await myGroups.ConfigureAwait(false), await overdue.ConfigureAwait(false));
    }
}
