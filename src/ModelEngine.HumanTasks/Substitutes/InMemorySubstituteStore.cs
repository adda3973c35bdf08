namespace ModelEngine.HumanTasks.Substitutes;

/// <summary>Keeps out-of-office rules in memory. For tests and database-less hosts.</summary>
public sealed class InMemorySubstituteStore : ISubstituteStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SubstituteRule> _rules = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> GetPrincipalsAsync(string substitute, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Select(rule => rule.Substitute == substitute && rule.IsActiveAt(at), rule => rule.User);

    public Task<IReadOnlyList<string>> GetSubstitutesAsync(string user, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Select(rule => rule.User == user && rule.IsActiveAt(at), rule => rule.Substitute);

    public Task<IReadOnlyList<SubstituteRule>> ListAsync(string? user, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SubstituteRule> rules = _rules.Values
                .Where(rule => user is null || rule.User == user || rule.Substitute == user)
                .OrderBy(rule => rule.From)
                .ThenBy(rule => rule.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rules);
        }
    }

    public Task<SubstituteRule?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rules.GetValueOrDefault(id));
        }
    }

    public Task AddAsync(SubstituteRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            if (!_rules.TryAdd(rule.Id, rule))
            {
                throw new InvalidOperationException($"A substitute rule with id '{rule.Id}' already exists.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rules.Remove(id));
        }
    }

    private Task<IReadOnlyList<string>> Select(Func<SubstituteRule, bool> predicate, Func<SubstituteRule, string> name)
    {
        lock (_gate)
        {
            IReadOnlyList<string> names = _rules.Values.Where(predicate).Select(name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return Task.FromResult(names);
        }
    }
}
