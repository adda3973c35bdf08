namespace ModelEngine.Studio.Features.Designer;

/// <summary>The choice made in the version history: view <see cref="Version"/> read-only, or revert to it.</summary>
public sealed record VersionAction(int Version, bool Revert);
