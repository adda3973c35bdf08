using Acornima;
using Acornima.Ast;
using Jint;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>
/// A parsed script, or the reason it does not parse, plus the host globals its text mentions.
/// </summary>
/// <remarks>
/// Installing every host function and accessor would cost more than running a typical one-line expression, so the
/// evaluator installs only the globals whose names occur in the source text. The scan is a superset of what the
/// script can reach by name, because it also counts words inside strings and comments. A name assembled at run time,
/// such as <c>globalThis['get' + name]</c>, is not found; such a script has to call <c>getVariable(name)</c>.
/// </remarks>
internal sealed class PreparedJavaScript
{
    private PreparedJavaScript(Prepared<Script>? script, string? syntaxError, HostGlobals globals, HashSet<string> getterNames, HashSet<string> setterNames)
    {
        Script = script;
        SyntaxError = syntaxError;
        Globals = globals;
        GetterNames = getterNames;
        SetterNames = setterNames;
    }

    /// <summary>The prepared script, or <see langword="null"/> when it does not parse.</summary>
    public Prepared<Script>? Script { get; }

    /// <summary>The parser's message with a 1-based line and column, or <see langword="null"/> when it parses.</summary>
    public string? SyntaxError { get; }

    /// <summary>The built-in globals the text mentions.</summary>
    public HostGlobals Globals { get; }

    /// <summary>Names <c>X</c> for which the text mentions <c>getX</c>, other than the built-in functions.</summary>
    public HashSet<string> GetterNames { get; }

    /// <summary>Names <c>X</c> for which the text mentions <c>setX</c>, other than the built-in functions.</summary>
    public HashSet<string> SetterNames { get; }

    /// <summary>Parses <paramref name="source"/> without running it and scans it for host global names.</summary>
    public static PreparedJavaScript Prepare(string source)
    {
        Prepared<Script>? script = null;
        string? syntaxError = null;

        try
        {
            script = Engine.PrepareScript(source, source: "script");
        }
        catch (ScriptPreparationException exception) when (exception.InnerException is ParseErrorException parseError)
        {
            syntaxError = DescribeSyntaxError(parseError);
        }

        var globals = HostGlobals.None;
        var getterNames = new HashSet<string>(StringComparer.Ordinal);
        var setterNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var word in EnumerateWords(source))
        {
            if (HostGlobalNames.ByName.TryGetValue(word, out var flag))
            {
                globals |= flag;
            }
            else if (word.Length > 3 && word.StartsWith("get", StringComparison.Ordinal))
            {
                getterNames.Add(word[3..]);
            }
            else if (word.Length > 3 && word.StartsWith("set", StringComparison.Ordinal))
            {
                setterNames.Add(word[3..]);
            }
        }

        return new PreparedJavaScript(script, syntaxError, globals, getterNames, setterNames);
    }

    /// <summary>Formats a parse error as "description at line L, column C." with a 1-based column.</summary>
    public static string DescribeSyntaxError(ParseErrorException parseError)
    {
        // Acornima reports 1-based lines and 0-based columns; editors count both from 1.
        var description = parseError.Description.TrimEnd('.');
        return $"{description} at line {parseError.LineNumber}, column {parseError.Column + 1}.";
    }

    private static IEnumerable<string> EnumerateWords(string source)
    {
        var start = -1;

        for (var i = 0; i <= source.Length; i++)
        {
            var isWordChar = i < source.Length && IsIdentifierChar(source[i]);

            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return source[start..i];
                start = -1;
            }
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}
