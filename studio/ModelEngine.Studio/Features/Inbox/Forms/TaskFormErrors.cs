using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Inbox.Forms;

/// <summary>Reads the per-field <c>errors</c> of a completion's 400 response into a map from property name to message.</summary>
public static class TaskFormErrors
{
    /// <summary>
    /// Returns the first message per top-level property: <c>data/amount</c> and <c>/amount</c> both name <c>amount</c>.
    /// Returns <see langword="null"/> when the problem has no <c>errors</c> list.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Read(JsonObject? problem)
    {
        if (problem?["errors"] is not JsonArray errors)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in errors.OfType<JsonObject>())
        {
            var path = error["path"]?.ToString() ?? string.Empty;
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var name = segments.Length > 0 && segments[0] == "data" ? segments.ElementAtOrDefault(1) : segments.FirstOrDefault();
            if (name is not null && error["message"]?.ToString() is { } message)
            {
                result.TryAdd(name, message);
            }
        }

        return result;
    }
}
