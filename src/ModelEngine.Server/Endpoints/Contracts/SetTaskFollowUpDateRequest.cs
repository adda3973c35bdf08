namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>PUT /api/tasks/{id}/follow-up-date</c>; <see langword="null"/> clears the date.</summary>
public sealed record SetTaskFollowUpDateRequest(DateTimeOffset? FollowUpAt, string? OnBehalfOf = null);
