using System.Globalization;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints;

/// <summary>Reads the <c>page</c> and <c>pageSize</c> query parameters of list endpoints, and <c>force</c> of deletes.</summary>
internal static class Paging
{
    /// <summary>
    /// Returns the page request, with page 1 and size 50 when the parameters are absent. Throws
    /// <see cref="RequestValidationException"/> naming the parameter when a value is not an integer or out of range.
    /// </summary>
    public static PageRequest Parse(string? page, string? pageSize)
    {
        var pageNumber = ParseInteger("page", page, 1, 1, int.MaxValue / PageRequest.MaxPageSize);
        var size = ParseInteger("pageSize", pageSize, PageRequest.DefaultPageSize, 1, PageRequest.MaxPageSize);
        return new PageRequest(pageNumber, size);
    }

    /// <summary>Reads the <c>force</c> query parameter: absent means false, otherwise <c>true</c> or <c>false</c>.</summary>
    public static bool ParseForce(string? force)
    {
        if (force is null)
        {
            return false;
        }

        if (!bool.TryParse(force, out var value))
        {
            throw new RequestValidationException("force", force, $"Query parameter 'force' is '{force}', but it must be true or false.");
        }

        return value;
    }

    private static int ParseInteger(string name, string? text, int defaultValue, int min, int max)
    {
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new RequestValidationException(name, text,
                $"Query parameter '{name}' is '{text}'; it must be an integer from {min} to {max}.");
        }

        return value;
    }
}
