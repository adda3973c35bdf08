namespace ModelEngine.Fit.Plugins.Tests;

public sealed class PluginManifestReaderTests
{
    private const string File = "plugins/demo/plugin.json";

    [Fact]
    public void Parse_ValidManifest_ReadsEveryField()
    {
        var manifest = PluginManifestReader.Parse(
            """
            {
              "id": "demo.plugin",
              "version": "2.1.0-beta.1",
              "entryAssembly": "lib/Demo.dll",
              "description": "A demo.",
              "genericables": [ { "id": "demo.echo", "version": "3.0.0" }, { "id": "demo.other" } ],
              "fitables": [ { "genericable": "demo.echo", "id": "echo" }, { "genericable": "demo.other", "id": "other" } ]
            }
            """,
            File);

        Assert.Equal("demo.plugin", manifest.Id);
        Assert.Equal("2.1.0-beta.1", manifest.Version);
        Assert.Equal("lib/Demo.dll", manifest.EntryAssembly);
        Assert.Equal("A demo.", manifest.Description);
        Assert.Equal([new PluginGenericableReference("demo.echo", "3.0.0"), new PluginGenericableReference("demo.other", "1.0.0")], manifest.Genericables);
        Assert.Equal([new PluginFitableReference("demo.echo", "echo"), new PluginFitableReference("demo.other", "other")], manifest.Fitables);
    }

    [Theory]
    [InlineData("""{ "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "required field 'id' is missing")]
    [InlineData("""{ "id": "bad id", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'id' has the invalid value 'bad id'")]
    [InlineData("""{ "id": "code", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'id' has the value 'code'")]
    [InlineData("""{ "id": "p", "version": "one", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'version' has the invalid value 'one'")]
    [InlineData("""{ "id": "p", "version": 1, "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'version' has the value 1, a JSON number")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "../D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'entryAssembly' has the value '../D.dll', which leaves the plugin folder")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "/opt/D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'entryAssembly' has the absolute path '/opt/D.dll'")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.exe", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'entryAssembly' has the value 'D.exe', which is not a .dll file")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'genericables' is an empty array")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ] }""", "required field 'fitables' is missing")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "h", "id": "f" } ] }""", "field 'fitables[0].genericable' has the value 'h', which is not listed under 'genericables'")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ "f" ] }""", "entry 'fitables[0]' is a JSON string")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" }, { "genericable": "g", "id": "f" } ] }""", "entry 'fitables[1]' repeats fitable 'f'")]
    [InlineData("""{ "id": "p", "version": "1.0.0", "entryAssembly": "D.dll", "entryassembly": "E.dll", "genericables": [ { "id": "g" } ], "fitables": [ { "genericable": "g", "id": "f" } ] }""", "field 'entryassembly' is not a manifest field")]
    [InlineData("""[ "p" ]""", "the manifest is a JSON array")]
    [InlineData("""{ "id": "p", """, "not valid JSON")]
    public void Parse_InvalidManifest_NamesFileFieldAndValue(string json, string expected)
    {
        var error = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Parse(json, File));

        Assert.StartsWith(File + ":", error.Problems[0]);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        var error = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Parse("""{ "id": "", "entryAssembly": "D.txt" }""", File));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("'id' is empty", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'version' is missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("not a .dll file", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'genericables' is missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'fitables' is missing", StringComparison.Ordinal));
    }
}
