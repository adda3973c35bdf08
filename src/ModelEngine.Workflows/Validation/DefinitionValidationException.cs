namespace ModelEngine.Workflows.Validation;

/// <summary>A definition cannot be published because it has errors; all of them are listed. The API returns 400.</summary>
public sealed class DefinitionValidationException : Exception
{
    public DefinitionValidationException(IReadOnlyList<ValidationError> errors)
        : base($"The workflow definition has {errors.Count} validation error(s).")
    {
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}
