namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>
/// The outcome of a rotation: the status, the token presented (when it exists) and, when rotated, its successor.
/// </summary>
public sealed record RefreshTokenRotation(RefreshTokenRotationStatus Status, RefreshTokenRecord? Presented, RefreshTokenRecord? Issued);
