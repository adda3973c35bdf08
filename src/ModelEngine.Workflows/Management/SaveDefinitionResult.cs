using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Management;

/// <summary>The version a save wrote, whether it was a new definition, and every problem found in it.</summary>
public sealed record SaveDefinitionResult(WorkflowDefinitionRecord Definition, bool Created, IReadOnlyList<ValidationError> Warnings);
