namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>
/// A row of the WorkflowInstanceStates table. It shares its key with the summary row, so that listing instances never
/// reads the state.
/// </summary>
internal sealed class WorkflowInstanceStateEntity
{
    public required string Id { get; set; }

    public required string StateJson { get; set; }
}
