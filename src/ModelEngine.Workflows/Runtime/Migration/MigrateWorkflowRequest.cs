namespace ModelEngine.Workflows.Runtime.Migration;

/// <summary>
/// A request to move an instance to <see cref="TargetVersion"/> of its definition (the published version when it is
/// <see langword="null"/>). <see cref="ActivityIdMap"/> maps activity ids of the instance's version to ids of the
/// target version; an id it does not list maps to itself.
/// </summary>
public sealed record MigrateWorkflowRequest(
    string InstanceId,
    int? TargetVersion = null,
    IReadOnlyDictionary<string, string>? ActivityIdMap = null,
    string? Actor = null);
