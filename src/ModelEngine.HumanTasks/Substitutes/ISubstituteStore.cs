namespace ModelEngine.HumanTasks.Substitutes;

/// <summary>Keeps out-of-office rules.</summary>
public interface ISubstituteStore
{
    /// <summary>The users that <paramref name="substitute"/> substitutes for at <paramref name="at"/>.</summary>
    Task<IReadOnlyList<string>> GetPrincipalsAsync(string substitute, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The substitutes of <paramref name="user"/> at <paramref name="at"/>, to notify about their tasks.</summary>
    Task<IReadOnlyList<string>> GetSubstitutesAsync(string user, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The rules where <paramref name="user"/> is away or is the substitute, or every rule when it is <see langword="null"/>.</summary>
    Task<IReadOnlyList<SubstituteRule>> ListAsync(string? user, CancellationToken cancellationToken = default);

    Task<SubstituteRule?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task AddAsync(SubstituteRule rule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rule; returns <see langword="false"/> when it does not exist.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
