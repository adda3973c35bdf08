using System.Globalization;
using System.Xml;

namespace ModelEngine.Studio.Features.Designer.Properties.Editors;

/// <summary>Parses the duration forms the designer offers, <c>hh:mm:ss</c> (with optional days) and ISO 8601 such as <c>PT4H</c>. The engine reads both.</summary>
public static class DurationText
{
    /// <summary>Parses <paramref name="text"/> as a duration, returning <see langword="false"/> when it is neither form.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('P') || trimmed.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(trimmed);
                return true;
            }
            catch (FormatException)
            {
                duration = default;
                return false;
            }
        }

        duration = default;
        return trimmed.Contains(':') && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration);
    }
}
