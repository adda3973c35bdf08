using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>The outcome of a login attempt: the user, or the reason it was rejected.</summary>
internal sealed record LoginResult(UserIdentity? User, LoginRejection Rejection);
