using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Fit.Contracts;

/// <summary>Validates genericable and fitable ids: <c>[0-9A-Za-z-_*.]</c>, 1 to 128 characters.</summary>
public static class FitIds
{
    public const int MaxLength = 128;

    public static bool IsValid([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> that names the parameter, the value and the rule.</summary>
    public static string Validate(string? id, string parameterName)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException(
                $"'{id}' is not a valid id: use 1 to {MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '*' and '.'.",
                parameterName);
        }

        return id;
    }
}
