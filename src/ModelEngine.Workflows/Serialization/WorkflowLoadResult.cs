using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Serialization;

/// <summary>A loaded definition and every problem found while loading it. With errors it can be saved but not published.</summary>
public sealed record WorkflowLoadResult(Workflow Workflow, IReadOnlyList<ValidationError> Errors);
