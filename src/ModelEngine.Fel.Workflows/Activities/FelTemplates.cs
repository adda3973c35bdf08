using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>Checks literal prompt templates when a definition is published, so that an unclosed placeholder is rejected early.</summary>
internal static class FelTemplates
{
    public static IEnumerable<ValidationError> ValidateLiterals(Activity activity, params (string Name, Input<string>? Input)[] templates)
    {
        foreach (var (name, input) in templates)
        {
            if (LiteralInputs.ReadString(input) is not { Value: { Length: > 0 } text })
            {
                continue;
            }

            string? problem = null;
            try
            {
                PromptTemplate.Parse(text);
            }
            catch (PromptTemplateException exception)
            {
                problem = exception.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationError(activity.Id, name, text, $"Activity '{activity.Id}' has an invalid '{name}' template: {problem}");
            }
        }
    }
}
