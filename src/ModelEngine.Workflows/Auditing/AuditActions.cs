namespace ModelEngine.Workflows.Auditing;

/// <summary>The values of <see cref="AuditRecord.Action"/>.</summary>
public static class AuditActions
{
    public const string Saved = "Saved";
    public const string Imported = "Imported";
    public const string Published = "Published";
    public const string Retracted = "Retracted";
    public const string Reverted = "Reverted";
    public const string Deleted = "Deleted";
    public const string Cancelled = "Cancelled";
    public const string Retried = "Retried";
    public const string Migrated = "Migrated";
    public const string Created = "Created";
    public const string Revoked = "Revoked";
}
