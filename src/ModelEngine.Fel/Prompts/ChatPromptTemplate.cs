using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// An ordered list of message templates (system, human, assistant) and at most one history slot, rendered into the
/// messages of one model call. The history slot is where a conversation's memory goes.
/// </summary>
public sealed class ChatPromptTemplate
{
    private readonly List<Part> _parts = [];

    /// <summary>Adds a system message template.</summary>
    public ChatPromptTemplate System(string template) => Add(ChatRole.System, template);

    /// <summary>Adds a human (user) message template.</summary>
    public ChatPromptTemplate Human(string template) => Add(ChatRole.User, template);

    /// <summary>Adds an assistant message template.</summary>
    public ChatPromptTemplate Assistant(string template) => Add(ChatRole.Assistant, template);

    /// <summary>Adds a message template with the given role.</summary>
    public ChatPromptTemplate Add(ChatRole role, string template)
    {
        _parts.Add(new Part(role, PromptTemplate.Parse(template)));
        return this;
    }

    /// <summary>Marks where the history goes. Without a slot, history goes after the system messages at the start.</summary>
    public ChatPromptTemplate History()
    {
        if (_parts.Any(p => p.Template is null))
        {
            throw new InvalidOperationException("The prompt already has a history slot; a prompt can have only one.");
        }

        _parts.Add(new Part(default, null));
        return this;
    }

    /// <summary>The distinct placeholder names of every message, in order of first use.</summary>
    public IReadOnlyList<string> Variables =>
        _parts.Where(p => p.Template is not null).SelectMany(p => p.Template!.Variables).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Renders every message, and puts <paramref name="history"/> in the history slot.</summary>
    /// <exception cref="PromptTemplateException">A placeholder has no value.</exception>
    public IList<ChatMessage> Render(IReadOnlyDictionary<string, object?> values, IEnumerable<ChatMessage>? history = null)
    {
        var messages = new List<ChatMessage>(_parts.Count + 8);
        var historyMessages = history?.ToList() ?? [];
        var slotted = false;
        foreach (var part in _parts)
        {
            if (part.Template is null)
            {
                messages.AddRange(historyMessages);
                slotted = true;
                continue;
            }

            messages.Add(new ChatMessage(part.Role, part.Template.Render(values)));
        }

        if (!slotted && historyMessages.Count > 0)
        {
            var insertAt = messages.TakeWhile(m => m.Role == ChatRole.System).Count();
            messages.InsertRange(insertAt, historyMessages);
        }

        return messages;
    }

    private readonly record struct Part(ChatRole Role, PromptTemplate? Template);
}
