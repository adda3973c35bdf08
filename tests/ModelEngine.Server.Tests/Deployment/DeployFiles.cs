using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModelEngine.Server.Tests.Deployment;

/// <summary>Finds and parses the files under deploy/ and docs/configuration.md in the repository.</summary>
internal static partial class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PathOf(string relativePath) => Path.Combine(RepositoryRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Parses every document of a YAML file, resolving merge keys (<c>&lt;&lt;: *anchor</c>) as Compose does.</summary>
    public static IReadOnlyList<YamlMappingNode> LoadYaml(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(ReadText(relativePath));
        stream.Load(new MergingParser(new Parser(reader)));
        return stream.Documents.Select(document => Assert.IsType<YamlMappingNode>(document.RootNode)).ToList();
    }

    public static YamlMappingNode Map(this YamlNode node, string key)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"The YAML mapping at {node.Start} has no key '{key}'.");
        return Assert.IsType<YamlMappingNode>(child);
    }

    public static YamlSequenceNode Sequence(this YamlNode node, string key)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"The YAML mapping at {node.Start} has no key '{key}'.");
        return Assert.IsType<YamlSequenceNode>(child);
    }

    public static string Scalar(this YamlNode node, string key)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"The YAML mapping at {node.Start} has no key '{key}'.");
        return Assert.IsType<YamlScalarNode>(child).Value ?? "";
    }

    public static string? OptionalScalar(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar
            ? scalar.Value
            : null;

    /// <summary>The entries of a mapping whose values are scalars, such as <c>environment</c> or <c>data</c>.</summary>
    public static Dictionary<string, string> ScalarEntries(this YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(
            entry => Assert.IsType<YamlScalarNode>(entry.Key).Value!,
            entry => Assert.IsType<YamlScalarNode>(entry.Value).Value ?? "");

    /// <summary>
    /// Turns an environment variable into the configuration key that docs/configuration.md names: '__' becomes ':',
    /// and a list index becomes 'N' (<c>Identity__Users__0__PasswordHash</c> is <c>Identity:Users:N:PasswordHash</c>).
    /// Variables without '__', such as <c>ASPNETCORE_ENVIRONMENT</c>, stay as they are.
    /// </summary>
    public static string ToConfigurationKey(string environmentVariable) =>
        IndexSegment().Replace(environmentVariable.Replace("__", ":", StringComparison.Ordinal), ":N$1");

    [GeneratedRegex(@":\d+(:|$)")]
    private static partial Regex IndexSegment();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelEngine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelEngine.sln above {AppContext.BaseDirectory}; the deploy tests read the repository's deploy/ folder.");
    }
}
