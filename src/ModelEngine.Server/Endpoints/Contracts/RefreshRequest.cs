namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/identity/refresh</c>.</summary>
public sealed record RefreshRequest(string? RefreshToken);
