namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/identity/login</c>.</summary>
public sealed record LoginRequest(string? Username, string? Password);
