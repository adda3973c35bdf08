namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A user or group of the directory: the name that tasks and tokens use, and an optional display name.</summary>
public sealed record DirectoryEntryResponse(string Name, string? DisplayName);
