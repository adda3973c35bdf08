using System.Text.Json;
using System.Text.RegularExpressions;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Parses and validates <c>plugin.json</c>. Every problem is collected and reported at once, and each names the file,
/// the field, the value and the fix.
/// </summary>
public static partial class PluginManifestReader
{
    /// <summary>The default genericable version when a manifest entry omits it, as in <see cref="GenericableAttribute.Version"/>.</summary>
    public const string DefaultGenericableVersion = "1.0.0";

    /// <summary>The owner name of fitables registered in code. No plugin may take it as its id.</summary>
    public const string ReservedOwner = "code";

    private static readonly string[] s_rootFields = ["id", "version", "entryAssembly", "contracts", "description", "genericables", "fitables"];
    private static readonly string[] s_genericableFields = ["id", "version"];
    private static readonly string[] s_fitableFields = ["genericable", "id"];

    /// <summary>Reads and validates the manifest at <paramref name="path"/>.</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="displayPath">The name to use for the file in error messages (for example the path inside an archive). Defaults to <paramref name="path"/>.</param>
    /// <exception cref="PluginLoadException">The file is missing, is not valid JSON, or breaks a rule.</exception>
    public static PluginManifest Read(string path, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayPath ??= path;
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PluginLoadException(
                $"{displayPath}: the plugin manifest is missing. Put a {PluginManifest.FileName} with id, version, entryAssembly, genericables and fitables at the root of the plugin folder or archive.",
                e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"{displayPath}: reading the plugin manifest failed: {e.Message}", e);
        }

        return Parse(json, displayPath);
    }

    /// <summary>Parses and validates manifest text.</summary>
    /// <param name="json">The manifest's JSON text.</param>
    /// <param name="displayPath">The file name to use in error messages.</param>
    /// <exception cref="PluginLoadException">The text is not valid JSON or breaks a rule.</exception>
    public static PluginManifest Parse(string json, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(displayPath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PluginLoadException(
                $"{displayPath}: the plugin manifest is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message} Fix the JSON syntax.",
                e);
        }

        using (document)
        {
            var problems = new List<string>();
            var manifest = ParseRoot(document.RootElement, displayPath, problems);
            if (problems.Count > 0 || manifest is null)
            {
                throw new PluginLoadException(problems);
            }

            return manifest;
        }
    }

    private static PluginManifest? ParseRoot(JsonElement root, string file, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{file}: the manifest is a JSON {Describe(root)}, but it must be an object. Write {{ \"id\": ..., \"version\": ..., \"entryAssembly\": ..., \"genericables\": [...], \"fitables\": [...] }}.");
            return null;
        }

        CheckFields(root, s_rootFields, file, "", problems);
        var id = ReadString(root, "id", file, "", required: true, problems);
        if (id is not null && !FitIds.IsValid(id))
        {
            problems.Add($"{file}: field 'id' has the invalid value '{id}'. Use 1 to {FitIds.MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '*' and '.'.");
        }
        else if (id == ReservedOwner)
        {
            problems.Add($"{file}: field 'id' has the value '{ReservedOwner}', which names fitables registered in code. Choose another plugin id.");
        }

        var version = ReadString(root, "version", file, "", required: true, problems);
        if (version is not null && !VersionPattern().IsMatch(version))
        {
            problems.Add($"{file}: field 'version' has the invalid value '{version}'. Use a version such as 1.0.0 or 1.2.0-beta.1.");
        }

        var entryAssembly = ReadString(root, "entryAssembly", file, "", required: true, problems);
        if (entryAssembly is not null)
        {
            CheckAssemblyPath(entryAssembly, "entryAssembly", "the plugin's main assembly", "MyOperators.dll", file, problems);
        }

        var contracts = ReadContracts(root, file, problems);

        var description = ReadString(root, "description", file, "", required: false, problems);
        var genericables = ReadGenericables(root, file, problems);
        var fitables = ReadFitables(root, file, genericables, problems);
        if (id is null || version is null || entryAssembly is null)
        {
            return null;
        }

        return new PluginManifest
        {
            Id = id,
            Version = version,
            EntryAssembly = entryAssembly,
            Contracts = contracts,
            Description = description,
            Genericables = genericables,
            Fitables = fitables,
        };
    }

    private static void CheckAssemblyPath(string value, string field, string description, string example, string file, List<string> problems)
    {
        var normalized = value.Replace('\\', '/');
        if (Path.IsPathRooted(value) || normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':'))
        {
            problems.Add($"{file}: field '{field}' has the absolute path '{value}'. Give the assembly's path relative to the plugin folder, for example \"{example}\".");
        }
        else if (normalized.Split('/').Any(segment => segment == ".."))
        {
            problems.Add($"{file}: field '{field}' has the value '{value}', which leaves the plugin folder through '..'. Put the assembly inside the plugin folder and name it relative to it.");
        }
        else if (!value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{file}: field '{field}' has the value '{value}', which is not a .dll file. Name {description}, for example \"{example}\".");
        }
    }

    /// <summary>Reads the optional <c>contracts</c> array: relative .dll paths inside the plugin folder, each listed once.</summary>
    private static List<string> ReadContracts(JsonElement root, string file, List<string> problems)
    {
        var result = new List<string>();
        if (!root.TryGetProperty("contracts", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{file}: field 'contracts' is a JSON {Describe(array)}, but it must be an array of paths. Write \"contracts\": [ \"contracts/MyContracts.dll\" ].");
            return result;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var field = $"contracts[{index++}]";
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                problems.Add($"{file}: entry '{field}' is {(element.ValueKind == JsonValueKind.String ? "empty" : "a JSON " + Describe(element))}. Write the contract assembly's path as a string, for example \"contracts/MyContracts.dll\".");
                continue;
            }

            var value = element.GetString()!;
            var before = problems.Count;
            CheckAssemblyPath(value, field, "a contract assembly", "contracts/MyContracts.dll", file, problems);
            if (problems.Count > before)
            {
                continue;
            }

            var normalized = value.Replace('\\', '/');
            if (result.Any(c => string.Equals(c.Replace('\\', '/'), normalized, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{file}: entry '{field}' repeats the contract assembly '{value}'. List each contract assembly once.");
                continue;
            }

            result.Add(value);
        }

        return result;
    }

    private static List<PluginGenericableReference> ReadGenericables(JsonElement root, string file, List<string> problems)
    {
        var result = new List<PluginGenericableReference>();
        foreach (var (element, path) in ReadArray(root, "genericables", file, problems))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{file}: entry '{path}' is a JSON {Describe(element)}. Write it as {{ \"id\": \"my.genericable\", \"version\": \"1.0.0\" }}.");
                continue;
            }

            CheckFields(element, s_genericableFields, file, path + ".", problems);
            var id = ReadString(element, "id", file, path + ".", required: true, problems);
            var version = ReadString(element, "version", file, path + ".", required: false, problems) ?? DefaultGenericableVersion;
            if (id is null)
            {
                continue;
            }

            if (!FitIds.IsValid(id))
            {
                problems.Add($"{file}: field '{path}.id' has the invalid value '{id}'. Use the id of the contract's [Genericable] attribute: 1 to {FitIds.MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '*' and '.'.");
            }
            else if (result.Any(g => g.Id == id))
            {
                problems.Add($"{file}: field '{path}.id' repeats the genericable '{id}'. List each genericable once.");
            }
            else
            {
                result.Add(new PluginGenericableReference(id, version));
            }
        }

        return result;
    }

    private static List<PluginFitableReference> ReadFitables(
        JsonElement root, string file, List<PluginGenericableReference> genericables, List<string> problems)
    {
        var result = new List<PluginFitableReference>();
        foreach (var (element, path) in ReadArray(root, "fitables", file, problems))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{file}: entry '{path}' is a JSON {Describe(element)}. Write it as {{ \"genericable\": \"my.genericable\", \"id\": \"my-fitable\" }}.");
                continue;
            }

            CheckFields(element, s_fitableFields, file, path + ".", problems);
            var genericable = ReadString(element, "genericable", file, path + ".", required: true, problems);
            var id = ReadString(element, "id", file, path + ".", required: true, problems);
            if (genericable is null || id is null)
            {
                continue;
            }

            if (!FitIds.IsValid(id))
            {
                problems.Add($"{file}: field '{path}.id' has the invalid value '{id}'. Use the id of the class's [Fitable] attribute: 1 to {FitIds.MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '*' and '.'.");
            }
            else if (genericables.All(g => g.Id != genericable))
            {
                problems.Add($"{file}: field '{path}.genericable' has the value '{genericable}', which is not listed under 'genericables'. Add {{ \"id\": \"{genericable}\" }} to 'genericables' or correct the id.");
            }
            else if (result.Contains(new PluginFitableReference(genericable, id)))
            {
                problems.Add($"{file}: entry '{path}' repeats fitable '{id}' of genericable '{genericable}'. List each fitable once.");
            }
            else
            {
                result.Add(new PluginFitableReference(genericable, id));
            }
        }

        return result;
    }

    private static IEnumerable<(JsonElement Element, string Path)> ReadArray(JsonElement parent, string name, string file, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var array))
        {
            problems.Add($"{file}: the required field '{name}' is missing. Add \"{name}\": [ ... ] with at least one entry.");
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{file}: field '{name}' is a JSON {Describe(array)}, but it must be an array. Write \"{name}\": [ ... ].");
            yield break;
        }

        if (array.GetArrayLength() == 0)
        {
            problems.Add($"{file}: field '{name}' is an empty array. A plugin provides at least one fitable of one genericable; list them.");
            yield break;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            yield return (element, $"{name}[{index++}]");
        }
    }

    private static string? ReadString(JsonElement parent, string name, string file, string prefix, bool required, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"{file}: the required field '{prefix}{name}' is missing. Add \"{name}\": \"...\".");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{file}: field '{prefix}{name}' has the value {value.GetRawText()}, a JSON {Describe(value)}. Write it as a string.");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{file}: field '{prefix}{name}' is empty. Give it a value.");
            return null;
        }

        return text;
    }

    private static void CheckFields(JsonElement element, string[] known, string file, string prefix, List<string> problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"{file}: field '{prefix}{property.Name}' is not a manifest field. Remove it or correct its name; the fields here are {string.Join(", ", known)} (names are case-sensitive).");
            }
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    [GeneratedRegex(@"^\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex VersionPattern();
}
