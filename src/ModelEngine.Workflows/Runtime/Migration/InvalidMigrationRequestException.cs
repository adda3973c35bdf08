namespace ModelEngine.Workflows.Runtime.Migration;

/// <summary>
/// A migration request names a version or an activity id that does not exist. <see cref="Parameter"/> names the
/// field, such as <c>targetVersion</c> or <c>activityIdMap.approve</c>.
/// </summary>
public sealed class InvalidMigrationRequestException : Exception
{
    public InvalidMigrationRequestException(string parameter, string? value, string message)
        : base(message)
    {
        Parameter = parameter;
        Value = value;
    }

    public string Parameter { get; }

    public string? Value { get; }
}
