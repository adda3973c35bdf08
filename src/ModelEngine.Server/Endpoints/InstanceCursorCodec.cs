using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// Turns an <see cref="InstanceCursor"/> into the opaque <c>cursor</c> query value of the instance list and back. The
/// value is the base64url text of "UTC ticks:id", which clients pass on unchanged.
/// </summary>
internal static class InstanceCursorCodec
{
    public static string Encode(InstanceCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{cursor.CreatedAt.UtcTicks}:{cursor.Id}")));

    /// <summary>
    /// Returns the cursor of a <c>cursor</c> query value, or <see langword="null"/> when the parameter is absent.
    /// Throws <see cref="RequestValidationException"/> naming the value when it is not a cursor this server returned.
    /// </summary>
    public static InstanceCursor? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (TryDecode(text, out var cursor))
        {
            return cursor;
        }

        throw new RequestValidationException("cursor", text,
            $"Query parameter 'cursor' is '{text}', which is not a cursor from this API. Pass the 'nextCursor' of a previous response unchanged, or leave 'cursor' out to start from the newest instance.");
    }

    private static bool TryDecode(string text, out InstanceCursor? cursor)
    {
        cursor = null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new InstanceCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(separator + 1)..]);
        return true;
    }
}
