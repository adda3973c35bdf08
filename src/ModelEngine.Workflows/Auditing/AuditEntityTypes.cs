namespace ModelEngine.Workflows.Auditing;

/// <summary>The values of <see cref="AuditRecord.EntityType"/>.</summary>
public static class AuditEntityTypes
{
    public const string WorkflowDefinition = "WorkflowDefinition";
    public const string WorkflowInstance = "WorkflowInstance";
    public const string ApiKey = "ApiKey";
}
