using System.Collections.Concurrent;
using System.Globalization;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Server.Notifications.Email;

/// <summary>
/// Renders task e-mail from the templates embedded under Notifications/Email/Templates, named
/// <c>{Kind}.{language}.txt</c>. A template's first line is the subject, and the text after the blank line is the body.
/// <c>{{name}}</c> placeholders are replaced by values of the event.
/// </summary>
internal static class EmailTemplates
{
    public const string English = "en";

    public const string SimplifiedChinese = "zh-CN";

    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);

    /// <summary>The template language for a user's language tag: Simplified Chinese for <c>zh</c> tags, else English.</summary>
    public static string ResolveLanguage(string? language) =>
        language is not null && (language.Equals("zh", StringComparison.OrdinalIgnoreCase) || language.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
            ? SimplifiedChinese
            : English;

    /// <summary>Renders the subject and the body of <paramref name="taskEvent"/> for <paramref name="userName"/>.</summary>
    /// <exception cref="InvalidOperationException">No template exists for the event's kind.</exception>
    public static (string Subject, string Body) Render(HumanTaskEvent taskEvent, string userName, string language)
    {
        var template = Load(taskEvent.Kind, ResolveLanguage(language));
        var task = taskEvent.Task;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["user"] = userName,
            ["actor"] = taskEvent.Actor,
            ["title"] = task.Title,
            ["taskId"] = task.Id,
            ["workflowInstanceId"] = task.WorkflowInstanceId,
            ["priority"] = task.Priority.ToString(CultureInfo.InvariantCulture),
            ["dueAt"] = task.DueAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-",
        };

        var text = values.Aggregate(template, (current, pair) => current.Replace("{{" + pair.Key + "}}", pair.Value, StringComparison.Ordinal));
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? (text.Trim(), string.Empty) : (text[..newline].Trim(), text[(newline + 1)..].Trim() + "\n");
    }

    private static string Load(HumanTaskEventKind kind, string language) => s_cache.GetOrAdd($"{kind}.{language}", key =>
    {
        var resource = $"{typeof(EmailTemplates).Namespace}.Templates.{key}.txt";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"There is no e-mail template for {kind} events in {language} (embedded resource {resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    });
}
