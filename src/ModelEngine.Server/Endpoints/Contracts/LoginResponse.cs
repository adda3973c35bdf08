namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// An access token to send as <c>Authorization: Bearer</c> and when it expires, with the refresh token that
/// <c>POST /api/identity/refresh</c> exchanges for the next one.
/// </summary>
public sealed record LoginResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
