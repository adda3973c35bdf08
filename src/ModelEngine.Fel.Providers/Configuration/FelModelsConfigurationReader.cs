using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ModelEngine.Fel.Providers.Configuration;

/// <summary>
/// Reads and validates <c>Fel:Models</c>. It gathers every problem and throws once, each problem naming its full
/// configuration key, so that a bad file is fixed in one pass. No message ever contains a key's value.
/// </summary>
internal static class FelModelsConfigurationReader
{
    public const string SectionName = "Fel:Models";

    private static readonly string[] s_modelKeys =
    [
        "Provider", "Kind", "Endpoint", "Model", "ApiKey", "ApiKeyEnvironmentVariable",
        "ContextWindow", "MaxRetries", "Timeout", "MaxOutputTokens",
    ];

    /// <summary>The maximum accepted <c>MaxRetries</c>, because more retries only stretch an outage.</summary>
    private const int MaxRetriesLimit = 10;

    /// <summary>Reads every model under <c>Fel:Models</c> of <paramref name="configuration"/>, in configuration order.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="readEnvironment">Returns an environment variable's value, or <see langword="null"/> when it is not set.</param>
    /// <exception cref="InvalidOperationException">The section has one or more problems. The message lists all of them.</exception>
    public static IReadOnlyList<FelModelSettings> Read(IConfiguration configuration, Func<string, string?> readEnvironment)
    {
        var errors = new List<string>();
        var models = new List<FelModelSettings>();
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            if (ReadModel(section, readEnvironment, errors) is { } model)
            {
                models.Add(model);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                "The FEL model configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return models;
    }

    private static FelModelSettings? ReadModel(IConfigurationSection section, Func<string, string?> readEnvironment, List<string> errors)
    {
        var count = errors.Count;
        if (!section.GetChildren().Any())
        {
            errors.Add($"{section.Path} has no settings; set at least Provider and Model under it.");
            return null;
        }

        foreach (var child in section.GetChildren())
        {
            // The value is left out on purpose: a misspelled ApiKey would otherwise print the key.
            if (!s_modelKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{child.Path} is not a known setting; use {string.Join(", ", s_modelKeys[..^1])} or {s_modelKeys[^1]}.");
            }
        }

        var provider = ReadProvider(section, errors);
        var kind = FelModelKind.Chat;
        if (section["Kind"] is { } kindText)
        {
            if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            {
                errors.Add($"{section.Path}:Kind: '{kindText}' is not one of {string.Join(", ", Enum.GetNames<FelModelKind>())}.");
            }
        }

        var model = section["Model"];
        if (string.IsNullOrWhiteSpace(model))
        {
            errors.Add($"{section.Path}:Model is missing; set it to the provider's model id, such as gpt-4o-mini or qwen2.5:7b.");
        }

        var endpoint = ReadEndpoint(section, errors);
        if (endpoint is null && provider == FelModelProvider.Ollama)
        {
            errors.Add($"{section.Path}:Endpoint is missing; an Ollama model needs its server's address, such as http://127.0.0.1:11434/.");
        }

        var apiKey = ReadApiKey(section, readEnvironment, errors);
        if (endpoint is null && provider == FelModelProvider.OpenAI && apiKey is null)
        {
            errors.Add($"{section.Path}:ApiKey is missing; OpenAI's own endpoint needs ApiKey or ApiKeyEnvironmentVariable, " +
                "and any other OpenAI-compatible server needs Endpoint.");
        }

        var contextWindow = ReadPositive(section, "ContextWindow", errors);
        var maxOutputTokens = ReadPositive(section, "MaxOutputTokens", errors);
        var maxRetries = FelModelSettings.DefaultMaxRetries;
        if (section["MaxRetries"] is { } retriesText)
        {
            if (int.TryParse(retriesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) && retries is >= 0 and <= MaxRetriesLimit)
            {
                maxRetries = retries;
            }
            else
            {
                errors.Add($"{section.Path}:MaxRetries: '{retriesText}' is not a whole number from 0 to {MaxRetriesLimit}.");
            }
        }

        var timeout = FelModelSettings.DefaultTimeout;
        if (section["Timeout"] is { } timeoutText)
        {
            if (TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
            {
                timeout = parsed;
            }
            else
            {
                errors.Add($"{section.Path}:Timeout: '{timeoutText}' is not a positive time span such as 00:01:40 (100 seconds).");
            }
        }

        if (errors.Count > count || provider is null)
        {
            return null;
        }

        return new FelModelSettings
        {
            Name = section.Key,
            Provider = provider.Value,
            Kind = kind,
            Endpoint = endpoint,
            Model = model!,
            ApiKey = apiKey,
            ContextWindow = contextWindow,
            MaxRetries = maxRetries,
            Timeout = timeout,
            MaxOutputTokens = maxOutputTokens,
        };
    }

    private static FelModelProvider? ReadProvider(IConfigurationSection section, List<string> errors)
    {
        var text = section["Provider"];
        var choices = string.Join(" or ", Enum.GetNames<FelModelProvider>());
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{section.Path}:Provider is missing; set it to {choices} (OpenAI covers any OpenAI-compatible server such as vLLM or llama.cpp).");
            return null;
        }

        if (Enum.TryParse<FelModelProvider>(text, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(text, out _))
        {
            return provider;
        }

        errors.Add($"{section.Path}:Provider: '{text}' is not a known provider; use {choices} (OpenAI covers any OpenAI-compatible server such as vLLM or llama.cpp).");
        return null;
    }

    private static Uri? ReadEndpoint(IConfigurationSection section, List<string> errors)
    {
        if (section["Endpoint"] is not { Length: > 0 } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        errors.Add($"{section.Path}:Endpoint: '{text}' is not an absolute http or https address such as http://127.0.0.1:8000/v1.");
        return null;
    }

    private static string? ReadApiKey(IConfigurationSection section, Func<string, string?> readEnvironment, List<string> errors)
    {
        var key = section["ApiKey"];
        var variable = section["ApiKeyEnvironmentVariable"];
        if (!string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(variable))
        {
            errors.Add($"{section.Path}:ApiKey and {section.Path}:ApiKeyEnvironmentVariable are both set; keep only one of them.");
            return null;
        }

        if (!string.IsNullOrEmpty(variable))
        {
            var value = readEnvironment(variable);
            if (string.IsNullOrEmpty(value))
            {
                errors.Add($"{section.Path}:ApiKeyEnvironmentVariable: the environment variable '{variable}' is not set or empty; set it, or remove the setting for an endpoint without a key.");
                return null;
            }

            return value;
        }

        return string.IsNullOrEmpty(key) ? null : key;
    }

    private static int? ReadPositive(IConfigurationSection section, string name, List<string> errors)
    {
        if (section[name] is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors.Add($"{section.Path}:{name}: '{text}' is not a whole number greater than 0 (a count of tokens).");
        return null;
    }
}
