using Microsoft.Extensions.Configuration;
using ModelEngine.Fel.Providers.Configuration;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>Validation of <c>Fel:Models</c>: every problem in one message, never a key's value.</summary>
public sealed class ConfigurationTests
{
    private const string Secret = "sk-config-5be0a9";

    [Fact]
    public void ValidModels_AreRead()
    {
        var models = Read(new()
        {
            ["Fel:Models:drafting:Provider"] = "openai",
            ["Fel:Models:drafting:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Fel:Models:drafting:Model"] = "qwen2.5-7b-instruct",
            ["Fel:Models:drafting:ContextWindow"] = "32768",
            ["Fel:Models:drafting:MaxRetries"] = "5",
            ["Fel:Models:drafting:Timeout"] = "00:00:45",
            ["Fel:Models:drafting:MaxOutputTokens"] = "512",
            ["Fel:Models:embed:Provider"] = "Ollama",
            ["Fel:Models:embed:Kind"] = "Embedding",
            ["Fel:Models:embed:Endpoint"] = "http://127.0.0.1:11434/",
            ["Fel:Models:embed:Model"] = "nomic-embed-text",
        });

        Assert.Equal(2, models.Count);
        var drafting = models.Single(m => m.Name == "drafting");
        Assert.Equal(FelModelProvider.OpenAI, drafting.Provider);
        Assert.Equal(FelModelKind.Chat, drafting.Kind);
        Assert.Equal(32768, drafting.ContextWindow);
        Assert.Equal(5, drafting.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(45), drafting.Timeout);
        Assert.Equal(512, drafting.MaxOutputTokens);
        Assert.Null(drafting.ApiKey);
        var embed = models.Single(m => m.Name == "embed");
        Assert.Equal(FelModelKind.Embedding, embed.Kind);
        Assert.Equal(3, embed.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(100), embed.Timeout);
    }

    [Fact]
    public void MissingModel_Named()
    {
        var error = ReadFails(new() { ["Fel:Models:m:Provider"] = "OpenAI", ["Fel:Models:m:Endpoint"] = "http://127.0.0.1:8000/v1" });

        Assert.Contains("Fel:Models:m:Model is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProvider_ListsChoices()
    {
        var error = ReadFails(new() { ["Fel:Models:m:Provider"] = "Anthropic", ["Fel:Models:m:Model"] = "x", ["Fel:Models:m:Endpoint"] = "http://127.0.0.1:1/" });

        Assert.Contains("Fel:Models:m:Provider: 'Anthropic' is not a known provider; use OpenAI or Ollama", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_NamedWithoutValue()
    {
        var error = ReadFails(new()
        {
            ["Fel:Models:m:Provider"] = "OpenAI",
            ["Fel:Models:m:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Fel:Models:m:Model"] = "x",
            ["Fel:Models:m:ApiKye"] = Secret,
        });

        Assert.Contains("Fel:Models:m:ApiKye is not a known setting", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ContextWindow", "lots", "Fel:Models:m:ContextWindow: 'lots' is not a whole number greater than 0")]
    [InlineData("ContextWindow", "0", "Fel:Models:m:ContextWindow: '0' is not a whole number greater than 0")]
    [InlineData("MaxRetries", "-1", "Fel:Models:m:MaxRetries: '-1' is not a whole number from 0 to 10")]
    [InlineData("MaxRetries", "99", "Fel:Models:m:MaxRetries: '99' is not a whole number from 0 to 10")]
    [InlineData("Timeout", "100s", "Fel:Models:m:Timeout: '100s' is not a positive time span")]
    [InlineData("MaxOutputTokens", "1.5", "Fel:Models:m:MaxOutputTokens: '1.5' is not a whole number greater than 0")]
    [InlineData("Kind", "Vision", "Fel:Models:m:Kind: 'Vision' is not one of Chat, Embedding")]
    [InlineData("Endpoint", "localhost:8000", "Fel:Models:m:Endpoint: 'localhost:8000' is not an absolute http or https address")]
    public void BadValue_NamesKeyAndValue(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fel:Models:m:Provider"] = "OpenAI",
            ["Fel:Models:m:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Fel:Models:m:Model"] = "x",
            ["Fel:Models:m:ApiKey"] = Secret,
        };
        settings[$"Fel:Models:m:{key}"] = value;

        var error = ReadFails(settings);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyProblems_OneMessage()
    {
        var error = ReadFails(new()
        {
            ["Fel:Models:a:Provider"] = "Bard",
            ["Fel:Models:a:Model"] = "x",
            ["Fel:Models:b:Provider"] = "Ollama",
            ["Fel:Models:b:Model"] = "llama3",
            ["Fel:Models:b:Timeout"] = "soon",
            ["Fel:Models:c:Provider"] = "OpenAI",
            ["Fel:Models:c:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Fel:Models:c:Model"] = "x",
            ["Fel:Models:c:Colour"] = "blue",
        });

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("The FEL model configuration is invalid:", lines[0]);
        Assert.Contains(lines, l => l.Contains("Fel:Models:a:Provider: 'Bard'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Fel:Models:b:Endpoint is missing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Fel:Models:b:Timeout: 'soon'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Fel:Models:c:Colour is not a known setting", StringComparison.Ordinal));
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void OpenAIDefaultEndpoint_NeedsKey()
    {
        var error = ReadFails(new() { ["Fel:Models:m:Provider"] = "OpenAI", ["Fel:Models:m:Model"] = "gpt-4o-mini" });

        Assert.Contains("Fel:Models:m:ApiKey is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFromEnvironment_IsRead()
    {
        var models = FelModelsConfigurationReader.Read(
            Build(new() { ["Fel:Models:m:Provider"] = "OpenAI", ["Fel:Models:m:Model"] = "gpt-4o-mini", ["Fel:Models:m:ApiKeyEnvironmentVariable"] = "FEL_TEST_KEY" }),
            name => name == "FEL_TEST_KEY" ? Secret : null);

        Assert.Equal(Secret, Assert.Single(models).ApiKey);
        Assert.DoesNotContain(Secret, models[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, models[0].ToDescriptor().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyEnvironmentVariableUnset_Named()
    {
        var error = ReadFails(new() { ["Fel:Models:m:Provider"] = "OpenAI", ["Fel:Models:m:Model"] = "gpt-4o-mini", ["Fel:Models:m:ApiKeyEnvironmentVariable"] = "FEL_MISSING_KEY" });

        Assert.Contains("the environment variable 'FEL_MISSING_KEY' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyTwice_Rejected()
    {
        var error = ReadFails(new()
        {
            ["Fel:Models:m:Provider"] = "OpenAI",
            ["Fel:Models:m:Model"] = "gpt-4o-mini",
            ["Fel:Models:m:ApiKey"] = Secret,
            ["Fel:Models:m:ApiKeyEnvironmentVariable"] = "FEL_TEST_KEY",
        });

        Assert.Contains("are both set; keep only one of them", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Build(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IReadOnlyList<FelModelSettings> Read(Dictionary<string, string?> values) =>
        FelModelsConfigurationReader.Read(Build(values), name => name == "FEL_TEST_KEY" ? Secret : null);

    private static InvalidOperationException ReadFails(Dictionary<string, string?> values) =>
        Assert.Throws<InvalidOperationException>(() => Read(values));
}
