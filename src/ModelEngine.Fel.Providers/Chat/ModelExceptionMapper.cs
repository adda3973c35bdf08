using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel.Providers.Configuration;
using ModelEngine.Fel.Providers.Diagnostics;
using ModelEngine.Fel.Providers.Http;
using OllamaSharp.Models.Exceptions;

namespace ModelEngine.Fel.Providers.Chat;

/// <summary>
/// Maps what a provider SDK throws to the <see cref="FelModelException"/> thrown to the caller. A
/// <see cref="FelModelException"/> from <see cref="FelRetryHandler"/> passes through unchanged, even when the SDK
/// wrapped it. A cancellation the caller requested stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ModelExceptionMapper
{
    private readonly FelModelSettings _settings;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    public ModelExceptionMapper(FelModelSettings settings, SecretRedactor redactor, ILogger logger)
    {
        _settings = settings;
        _redactor = redactor;
        _logger = logger;
    }

    /// <summary>Whether <paramref name="exception"/> is to be replaced by <see cref="Map"/> rather than rethrown.</summary>
    public static bool ShouldMap(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        FelContextLimitExceededException => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        _ => true,
    };

    public FelModelException Map(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is FelModelException fel)
            {
                return fel;
            }
        }

        // The OpenAI SDK wraps a failed connection in a ClientResultException without a status.
        if (exception is ClientResultException { Status: 0, InnerException: HttpRequestException connection })
        {
            exception = connection;
        }

        FelModelLog.CallBroken(_logger, _settings.Name, exception.GetType().Name);
        var prefix = $"Model '{_settings.Name}' ({_settings.Provider}, model id '{_settings.Model}')";
        return exception switch
        {
            OperationCanceledException => Create(null, null,
                $"{prefix} did not start to answer within {_settings.Timeout:c}. Raise Fel:Models:{_settings.Name}:Timeout or check that the server is up.",
                exception),
            JsonException json => Create(null, null,
                $"{prefix} sent a response that is not valid JSON: {_redactor.Redact(json.Message)} Check that Fel:Models:{_settings.Name}:Endpoint " +
                $"points at an {_settings.Provider} API.",
                exception),
            ClientResultException result => Create(result.Status == 0 ? null : result.Status, _redactor.Redact(result.Message),
                $"{prefix} failed: {_redactor.Redact(result.Message)}", exception),
            OllamaException ollama => Create(null, _redactor.Redact(ollama.Message),
                $"{prefix} failed: {_redactor.Redact(ollama.Message)}", exception),
            HttpRequestException http => Create(http.StatusCode is { } code ? (int)code : null, null,
                $"{prefix} could not be reached at {_settings.Endpoint?.ToString() ?? "the provider's default endpoint"}: {_redactor.Redact(http.Message)}",
                exception),
            _ => Create(null, null, $"{prefix} failed with {exception.GetType().Name}: {_redactor.Redact(exception.Message)}", exception),
        };
    }

    private FelModelException Create(int? status, string? providerMessage, string message, Exception inner) =>
        new(_settings.Name, _settings.Provider.ToString(), status, providerMessage, message, inner);
}
