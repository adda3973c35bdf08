namespace ModelEngine.Studio.Api.Tasks;

/// <summary>A comment on a task.</summary>
public sealed record TaskComment(string Id, string? Author, string? OnBehalfOf, string Text, DateTimeOffset CreatedAt);
