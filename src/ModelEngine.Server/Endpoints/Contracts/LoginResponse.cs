namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>An access token to send as <c>Authorization: Bearer</c>, and when it expires.</summary>
public sealed record LoginResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);
