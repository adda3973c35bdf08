namespace ModelEngine.Fel;

/// <summary>Scans JSON text by brackets and strings only, without parsing values, to find where a value ends.</summary>
internal static class JsonScanner
{
    /// <summary>
    /// Returns the index after the bracket that closes the object or array starting at <paramref name="start"/>,
    /// or -1 when the text ends first.
    /// </summary>
    public static int FindValueEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }
}
