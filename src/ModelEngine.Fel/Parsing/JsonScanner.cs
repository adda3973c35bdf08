namespace ModelEngine.Fel;

/// <summary>Scans JSON text by brackets and strings only, without parsing values, to find where values and members end.</summary>
internal static class JsonScanner
{
    /// <summary>
    /// Returns the index after the bracket that closes the object or array starting at <paramref name="start"/>,
    /// or -1 when the text ends first.
    /// </summary>
    public static int FindValueEnd(string text, int start) => Scan(text, start).Complete;

    /// <summary>
    /// Scans <paramref name="text"/> from <paramref name="start"/> up to the end of the first complete value. Returns the
    /// containers still open, the cut points between members, whether a string is open, and where the value ends.
    /// </summary>
    public static ScanResult Scan(string text, int start = 0)
    {
        var open = new List<char>();
        var cuts = new List<int>();
        var inString = false;
        var complete = -1;
        for (var i = start; i < text.Length && complete < 0; i++)
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
                    open.Add(c);
                    cuts.Add(i + 1);
                    break;
                case '}' or ']':
                    if (open.Count > 0)
                    {
                        open.RemoveAt(open.Count - 1);
                    }

                    if (open.Count == 0)
                    {
                        complete = i + 1;
                    }
                    else
                    {
                        cuts.Add(i + 1);
                    }

                    break;
                case ',':
                    cuts.Add(i);
                    break;
            }
        }

        return new ScanResult(open, cuts, inString && complete < 0, complete);
    }

    /// <summary>The state at the end of a scan.</summary>
    /// <param name="Open">The open containers, <c>{</c> or <c>[</c>, outermost first.</param>
    /// <param name="Cuts">Indexes where the text can be cut between members: after an opening or nested closing bracket, and at each comma.</param>
    /// <param name="InString">True when the text ends inside a string.</param>
    /// <param name="Complete">The index after the first complete value, or -1.</param>
    internal readonly record struct ScanResult(List<char> Open, List<int> Cuts, bool InString, int Complete);
}
