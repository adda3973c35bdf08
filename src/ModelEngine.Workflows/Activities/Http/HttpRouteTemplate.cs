using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// The path of an HttpEndpoint under <c>/workflows/</c>: segments that are either literal text or a route value in
/// braces, such as <c>orders/{id}/approve</c>. Literal segments match case-insensitively, as ASP.NET Core routing
/// does. <see cref="Key"/> replaces every route value with <c>{}</c>, so two templates that differ only in the names of
/// their route values (<c>orders/{id}</c> and <c>orders/{orderId}</c>) have the same key and claim the same requests.
/// </summary>
public sealed class HttpRouteTemplate
{
    /// <summary>The maximum length of a template, so that it fits the trigger table's column.</summary>
    public const int MaxLength = 400;

    private readonly string?[] _literals;
    private readonly string?[] _parameters;

    private HttpRouteTemplate(string template, string?[] literals, string?[] parameters)
    {
        Template = template;
        _literals = literals;
        _parameters = parameters;
        Key = string.Join('/', literals.Select(literal => literal is null ? "{}" : literal.ToLowerInvariant()));
    }

    /// <summary>The template without leading and trailing slashes, such as <c>orders/{id}</c>.</summary>
    public string Template { get; }

    /// <summary>The template in lower case with each route value written <c>{}</c>, such as <c>orders/{}</c>.</summary>
    public string Key { get; }

    /// <summary>
    /// Parses a template. Returns <see langword="false"/> with a message that explains the fix when the text is empty,
    /// too long, has an empty segment, or has a brace anywhere but around a whole segment's route value name.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HttpRouteTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        var trimmed = (text ?? "").Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            error = "The path is empty. Give the path under /workflows/, such as 'orders/{id}'.";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            error = $"The path has {trimmed.Length} characters; at most {MaxLength} are allowed.";
            return false;
        }

        var segments = trimmed.Split('/');
        var literals = new string?[segments.Length];
        var parameters = new string?[segments.Length];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            if (segment.Length == 0)
            {
                error = $"The path '{trimmed}' has an empty segment ('//'). Remove the extra slash.";
                return false;
            }

            if (segment is "." or "..")
            {
                error = $"The path '{trimmed}' has the segment '{segment}', which no request can reach because clients resolve it away. Remove it.";
                return false;
            }

            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1];
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    error = $"The route value '{segment}' in the path '{trimmed}' is invalid. Name it with letters, digits or '_', such as '{{id}}'; optional and catch-all values are not supported.";
                    return false;
                }

                if (!names.Add(name))
                {
                    error = $"The path '{trimmed}' uses the route value '{name}' twice. Give each route value its own name.";
                    return false;
                }

                parameters[index] = name;
                continue;
            }

            if (segment.Contains('{') || segment.Contains('}') || segment.Contains('?') || segment.Contains('#'))
            {
                error = $"The segment '{segment}' of the path '{trimmed}' mixes text with '{{', '}}', '?' or '#'. A route value must be a whole segment, such as 'orders/{{id}}'.";
                return false;
            }

            literals[index] = segment;
        }

        template = new HttpRouteTemplate(trimmed, literals, parameters);
        error = null;
        return true;
    }

    /// <summary>
    /// Matches a request path (the part after <c>/workflows/</c>, with its segments already URL-decoded) and returns
    /// the route values, or <see langword="null"/> when the path does not match.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        if (segments.Count != _literals.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < segments.Count; index++)
        {
            if (_parameters[index] is { } name)
            {
                values[name] = segments[index];
            }
            else if (!string.Equals(_literals[index], segments[index], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return values;
    }
}
