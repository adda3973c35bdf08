using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel.Providers.Chat;
using ModelEngine.Fel.Providers.Configuration;
using ModelEngine.Fel.Providers.Http;
using OllamaSharp;
using OpenAI;

namespace ModelEngine.Fel.Providers.Clients;

/// <summary>
/// Builds the client of one configured model: the provider SDK over an <see cref="HttpClient"/> whose
/// <see cref="FelRetryHandler"/> retries and reads error bodies, wrapped in OpenTelemetry and the FEL guard.
/// </summary>
internal sealed class ModelClientFactory
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and meter name of the OpenTelemetry layer.</summary>
    public const string TelemetrySourceName = "ModelEngine.Fel";

    /// <summary>The placeholder credential the OpenAI SDK requires for a server without a key. The retry handler removes it from the request.</summary>
    private const string NoKeyPlaceholder = "no-key-configured";

    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ModelClientFactory(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger("ModelEngine.Fel.Providers");
    }

    /// <summary>Creates the chat client of <paramref name="settings"/>. Disposing the result releases its HTTP connections.</summary>
    public IChatClient CreateChatClient(FelModelSettings settings)
    {
        var redactor = new SecretRedactor(settings.ApiKey);
        var http = CreateHttpClient(settings, redactor);
        IChatClient inner = settings.Provider switch
        {
            FelModelProvider.OpenAI => CreateOpenAIClient(settings, http).GetChatClient(settings.Model).AsIChatClient(),
            _ => new OllamaApiClient(http, settings.Model),
        };

        var mapper = new ModelExceptionMapper(settings, redactor, _logger);
        var builder = new ChatClientBuilder(inner)
            .Use(client => new FelGuardChatClient(client, settings, mapper, _logger))
            .UseOpenTelemetry(_loggerFactory, TelemetrySourceName);
        if (settings.MaxOutputTokens is { } maxOutputTokens)
        {
            builder.ConfigureOptions(options => options.MaxOutputTokens ??= maxOutputTokens);
        }

        return new OwningChatClient(builder.Build(), http);
    }

    /// <summary>Creates the embedding generator of <paramref name="settings"/>. Disposing the result releases its HTTP connections.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(FelModelSettings settings)
    {
        var redactor = new SecretRedactor(settings.ApiKey);
        var http = CreateHttpClient(settings, redactor);
        IEmbeddingGenerator<string, Embedding<float>> inner = settings.Provider switch
        {
            FelModelProvider.OpenAI => CreateOpenAIClient(settings, http).GetEmbeddingClient(settings.Model).AsIEmbeddingGenerator(),
            _ => new OllamaApiClient(http, settings.Model),
        };

        var mapper = new ModelExceptionMapper(settings, redactor, _logger);
        var generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .Use(generator => new FelGuardEmbeddingGenerator(generator, mapper))
            .UseOpenTelemetry(_loggerFactory, TelemetrySourceName)
            .Build();
        return new OwningEmbeddingGenerator(generator, http);
    }

    private HttpClient CreateHttpClient(FelModelSettings settings, SecretRedactor redactor)
    {
        var removeAuthorization = settings.Provider == FelModelProvider.OpenAI && settings.ApiKey is null;
        var handler = new FelRetryHandler(settings, redactor, _timeProvider, _logger, removeAuthorization)
        {
            InnerHandler = new SocketsHttpHandler(),
        };

        // HttpClient.Timeout covers sending, every retry and its wait, until the response headers arrive. Both SDKs
        // read responses with ResponseHeadersRead, so the timeout does not cut off a long stream.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = settings.Timeout };
        if (settings.Provider == FelModelProvider.Ollama)
        {
            http.BaseAddress = settings.Endpoint;
            if (settings.ApiKey is { } key)
            {
                // Ollama itself takes no key, but a proxy in front of it may.
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        }

        return http;
    }

    private static OpenAIClient CreateOpenAIClient(FelModelSettings settings, HttpClient http)
    {
        var options = new OpenAIClientOptions
        {
            // FelRetryHandler retries, so a second retry loop in the SDK would multiply the attempts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.Timeout,
            Transport = new HttpClientPipelineTransport(http),
        };
        if (settings.Endpoint is not null)
        {
            options.Endpoint = settings.Endpoint;
        }

        return new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? NoKeyPlaceholder), options);
    }
}
