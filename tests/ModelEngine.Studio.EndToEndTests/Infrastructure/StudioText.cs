using System.Globalization;
using System.Resources;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// Reads the studio's own resx strings, so that a test asserts the label the screen must show in a language without
/// repeating the translation.
/// </summary>
public static class StudioText
{
    /// <summary>Returns the string <paramref name="key"/> of the resources class <typeparamref name="TResources"/> in <paramref name="language"/>.</summary>
    public static string Get<TResources>(string key, string language)
    {
        var manager = new ResourceManager(typeof(TResources));
        var text = manager.GetString(key, CultureInfo.GetCultureInfo(language));
        return text ?? throw new KeyNotFoundException($"{typeof(TResources).Name} has no string '{key}' for {language}.");
    }
}
