namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The body that creates an out-of-office rule. <c>user</c> is the user who is away and defaults to the caller; only
/// admins may name someone else. Dates are ISO 8601 with an offset, and <c>from</c> must be before <c>to</c>.
/// </summary>
public sealed record SubstituteRuleBody(string? User, string? Substitute, string? From, string? To);
