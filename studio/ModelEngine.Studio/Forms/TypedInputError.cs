using Microsoft.Extensions.Localization;

namespace ModelEngine.Studio.Forms;

/// <summary>
/// Why the text of an input could not be read: a key of <see cref="TypedInputResources"/> and the arguments after the
/// input's label, which is always the first argument of the message.
/// </summary>
public sealed record TypedInputError(string Key, IReadOnlyList<object> Arguments)
{
    /// <summary>The localized message for the input labelled <paramref name="label"/>.</summary>
    public string Describe(IStringLocalizer<TypedInputResources> localizer, string label)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[Key, [label, .. Arguments]];
    }
}
