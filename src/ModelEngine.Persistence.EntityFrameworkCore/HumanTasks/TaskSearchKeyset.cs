using System.Linq.Expressions;
using System.Reflection;
using ModelEngine.HumanTasks.Search;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// Builds the order of search results and the keyset condition that starts a page after a cursor. The order is the sort
/// key with empty keys last, then the task id in the sort's direction, the same order <see cref="TaskSearchCursor"/>
/// describes.
/// </summary>
internal static class TaskSearchKeyset
{
    private static readonly MethodInfo CompareStrings = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static IOrderedQueryable<HumanTaskEntity> Order(IQueryable<HumanTaskEntity> rows, TaskSort sort) => sort.Field switch
    {
        TaskSortField.CreatedAt => sort.Descending
            ? rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        TaskSortField.Priority => sort.Descending
            ? rows.OrderByDescending(t => t.Priority).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.Priority).ThenBy(t => t.Id),
        TaskSortField.DueAt => sort.Descending
            ? rows.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        TaskSortField.FollowUpAt => sort.Descending
            ? rows.OrderBy(t => t.FollowUpAt == null).ThenByDescending(t => t.FollowUpAt).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.FollowUpAt == null).ThenBy(t => t.FollowUpAt).ThenBy(t => t.Id),
        TaskSortField.Title => sort.Descending
            ? rows.OrderByDescending(t => t.Title.ToLower()).ThenByDescending(t => t.Id)
            : rows.OrderBy(t => t.Title.ToLower()).ThenBy(t => t.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort.Field, "Unknown sort field."),
    };

    /// <summary>Keeps the rows that come after the cursor's position in its order.</summary>
    public static IQueryable<HumanTaskEntity> After(IQueryable<HumanTaskEntity> rows, TaskSearchCursor cursor)
    {
        if (cursor.Sort.Field == TaskSortField.Title)
        {
            return AfterTitle(rows, cursor);
        }

        var row = Expression.Parameter(typeof(HumanTaskEntity), "t");
        var (member, value) = cursor.Sort.Field switch
        {
            TaskSortField.CreatedAt => (Member(row, nameof(HumanTaskEntity.CreatedAt)), Parameter(ToInstant(cursor.Key))),
            TaskSortField.Priority => (Member(row, nameof(HumanTaskEntity.Priority)), Parameter(cursor.Key is { } priority ? (int?)priority : null)),
            TaskSortField.DueAt => (Member(row, nameof(HumanTaskEntity.DueAt)), Parameter(ToNullableInstant(cursor.Key))),
            TaskSortField.FollowUpAt => (Member(row, nameof(HumanTaskEntity.FollowUpAt)), Parameter(ToNullableInstant(cursor.Key))),
            _ => throw new ArgumentOutOfRangeException(nameof(cursor), cursor.Sort.Field, "Unknown sort field."),
        };

        var descending = cursor.Sort.Descending;
        var idOrder = Expression.Call(CompareStrings, Member(row, nameof(HumanTaskEntity.Id)), Parameter(cursor.Id));
        var idAfter = descending ? Expression.LessThan(idOrder, Expression.Constant(0)) : Expression.GreaterThan(idOrder, Expression.Constant(0));
        var nullable = Nullable.GetUnderlyingType(member.Type) is not null;

        Expression condition;
        if (cursor.Key is null)
        {
            // The cursor is among the empty keys at the end, so only empty keys with a later id follow it.
            condition = Expression.AndAlso(Expression.Equal(member, Expression.Constant(null, member.Type)), idAfter);
        }
        else
        {
            var typedValue = Expression.Convert(value, member.Type);
            var keyAfter = descending ? Expression.LessThan(member, typedValue) : Expression.GreaterThan(member, typedValue);
            condition = Expression.OrElse(keyAfter, Expression.AndAlso(Expression.Equal(member, typedValue), idAfter));
            if (nullable)
            {
                // Empty keys sort last, so all of them follow a cursor that has a key.
                condition = Expression.OrElse(Expression.Equal(member, Expression.Constant(null, member.Type)), condition);
            }
        }

        return rows.Where(Expression.Lambda<Func<HumanTaskEntity, bool>>(condition, row));
    }

    /// <summary>
    /// Keeps the rows after the cursor in the lower-case title order. The cursor's key is the title as the database
    /// lowered it, so both sides of the comparison use the database's lowering and collation.
    /// </summary>
    private static IQueryable<HumanTaskEntity> AfterTitle(IQueryable<HumanTaskEntity> rows, TaskSearchCursor cursor)
    {
        var key = new Holder<string>(cursor.TitleKey ?? string.Empty);
        var id = new Holder<string>(cursor.Id);
        return cursor.Sort.Descending
            ? rows.Where(t => string.Compare(t.Title.ToLower(), key.Value) < 0
                || (t.Title.ToLower() == key.Value && string.Compare(t.Id, id.Value) < 0))
            : rows.Where(t => string.Compare(t.Title.ToLower(), key.Value) > 0
                || (t.Title.ToLower() == key.Value && string.Compare(t.Id, id.Value) > 0));
    }

    private static MemberExpression Member(ParameterExpression row, string name) => Expression.Property(row, name);

    /// <summary>A value that EF Core sends as a query parameter, so the cached query plan is reused for every cursor.</summary>
    private static MemberExpression Parameter<T>(T value) => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    private static DateTimeOffset ToInstant(long? ticks) => new(ticks ?? 0, TimeSpan.Zero);

    private static DateTimeOffset? ToNullableInstant(long? ticks) => ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;

    private sealed record Holder<T>(T Value);
}
