namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// Checks the response headers that WriteHttpResponse may set. A name must be an RFC 9110 token, and a value may contain
/// visible ASCII, space and tab only. Framing and hop-by-hop headers belong to the server, and so does its own cookie.
/// </summary>
public static class HttpResponseHeaderRules
{
    /// <summary>The cookie that carries the dashboard's access token. The server reads it under this name.</summary>
    public const string ReservedCookieName = "modelengine.access_token";

    private static readonly HashSet<string> ServerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Transfer-Encoding", "Content-Length", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE", "Proxy-Connection",
    };

    /// <summary>
    /// Returns why the header cannot be sent and how to fix it, or <see langword="null"/> when it can. The message
    /// names the header but quotes no value, because a value may be a secret.
    /// </summary>
    public static string? FindProblem(string name, IReadOnlyList<string> values)
    {
        if (name.Length == 0 || !name.All(IsTokenCharacter))
        {
            return $"the header name '{Printable(name)}' is not an HTTP token. Use letters, digits and !#$%&'*+-.^_`|~ only, such as 'X-Order-Id'";
        }

        if (ServerHeaders.Contains(name))
        {
            return $"the header '{name}' is set by the server, because it frames the response or concerns only the connection. Remove it";
        }

        for (var index = 0; index < values.Count; index++)
        {
            if (!values[index].All(IsValueCharacter))
            {
                return $"the header '{name}' has a value with a line break, a control character or a non-ASCII character. Use visible ASCII, space and tab only, and encode other text, for example with encodeURIComponent";
            }

            if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase) && IsReservedCookie(values[index]))
            {
                return $"the header 'Set-Cookie' sets the cookie '{ReservedCookieName}', which holds the server's own access token. Use another cookie name";
            }
        }

        return null;
    }

    private static bool IsReservedCookie(string setCookie)
    {
        var end = setCookie.IndexOf('=');
        var cookieName = (end < 0 ? setCookie : setCookie[..end]).Trim();
        return string.Equals(cookieName, ReservedCookieName, StringComparison.OrdinalIgnoreCase);
    }

    // RFC 9110, section 5.6.2: token = 1*tchar.
    private static bool IsTokenCharacter(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    // RFC 9110, section 5.5 allows obs-text (0x80-0xFF) too, but servers send it as Latin-1 and clients read it differently.
    private static bool IsValueCharacter(char c) => c is '\t' or (>= ' ' and <= '~');

    private static string Printable(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
