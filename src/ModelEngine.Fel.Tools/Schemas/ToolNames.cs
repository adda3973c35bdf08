using System.Security.Cryptography;
using System.Text;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Maps ids such as <c>samples.text.summarize</c> to tool names that model providers accept. OpenAI's function names
/// must match <c>^[a-zA-Z0-9_-]{1,64}$</c>, and the other providers FEL targets accept that set too.
/// </summary>
public static class ToolNames
{
    /// <summary>The maximum length of a tool name.</summary>
    public const int MaxLength = 64;

    /// <summary>The number of hexadecimal digits of the id's hash added to a shortened name.</summary>
    private const int HashLength = 8;

    /// <summary>Returns whether <paramref name="name"/> is a valid tool name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>
    /// Returns the tool name for <paramref name="id"/>, with <paramref name="prefix"/> and an underscore in front when
    /// it is set. Every character outside <c>[a-zA-Z0-9_-]</c> becomes <c>_</c>, so <c>samples.text.summarize</c>
    /// becomes <c>samples_text_summarize</c>. A name longer than <see cref="MaxLength"/> is cut and ends with
    /// <c>_</c> and the first 8 hexadecimal digits of the SHA-256 of the prefixed id, so that it stays unique.
    /// </summary>
    public static string FromId(string id, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var full = string.IsNullOrEmpty(prefix) ? id : $"{prefix}_{id}";
        var builder = new StringBuilder(full.Length);
        foreach (var c in full)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        if (builder.Length <= MaxLength)
        {
            return builder.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..HashLength];
        return $"{builder.ToString(0, MaxLength - HashLength - 1)}_{hash}";
    }

    /// <summary>
    /// Maps every id to its tool name with <see cref="FromId"/> and returns the names by id.
    /// </summary>
    /// <param name="ids">The ids, such as genericable or definition ids.</param>
    /// <param name="prefix">The prefix of every name, or <see langword="null"/>.</param>
    /// <param name="source">Where the ids come from, such as a configuration key, for the error message.</param>
    /// <exception cref="InvalidOperationException">Two ids map to the same name. The message names both ids and the name.</exception>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<string> ids, string? prefix, string source)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var idsByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (names.ContainsKey(id))
            {
                continue;
            }

            var name = FromId(id, prefix);
            if (idsByName.TryGetValue(name, out var other))
            {
                throw new InvalidOperationException(
                    $"The ids '{other}' and '{id}' from {source} both map to the tool name '{name}', because tool names may only contain " +
                    "A-Z, a-z, 0-9, '_' and '-'. Expose only one of them, or rename one so that they differ in a letter or digit.");
            }

            idsByName[name] = id;
            names[id] = name;
        }

        return names;
    }
}
