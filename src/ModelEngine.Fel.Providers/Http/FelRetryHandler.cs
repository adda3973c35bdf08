using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel.Providers.Configuration;
using ModelEngine.Fel.Providers.Diagnostics;

namespace ModelEngine.Fel.Providers.Http;

/// <summary>
/// Retries a model call after a 429, a 5xx or a failed connection, with exponential backoff and jitter, and turns a
/// final error response into a <see cref="FelModelException"/> with the provider's message.
/// </summary>
/// <remarks>
/// A streaming call is retried only before its body is read: the handler hands a successful response to the caller
/// as soon as its headers arrive and never sends the request again after that. A <c>Retry-After</c> (or
/// <c>retry-after-ms</c>) header sets the wait. A wait longer than <see cref="MaxRetryAfter"/> is not honoured and
/// the error is reported at once.
/// </remarks>
internal sealed class FelRetryHandler : DelegatingHandler
{
    /// <summary>The longest wait a <c>Retry-After</c> header may request before the call fails instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The wait before the first retry, doubled for each further retry and then scaled by 50–100 % jitter.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff wait before jitter.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly FelModelSettings _settings;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly bool _removeAuthorization;

    /// <param name="removeAuthorization">
    /// Whether to drop the <c>Authorization</c> header, for an OpenAI-compatible server without a key: the OpenAI SDK
    /// always sends one, so it gets a placeholder that must not reach the server.
    /// </param>
    public FelRetryHandler(FelModelSettings settings, SecretRedactor redactor, TimeProvider timeProvider, ILogger logger, bool removeAuthorization)
    {
        _settings = settings;
        _redactor = redactor;
        _timeProvider = timeProvider;
        _logger = logger;
        _removeAuthorization = removeAuthorization;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_removeAuthorization)
        {
            request.Headers.Authorization = null;
        }

        // The SDKs' request bodies are written once, so buffering them lets each retry send the same bytes again.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt <= _settings.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                var wait = Backoff(attempt);
                FelModelLog.ConnectionRetryScheduled(_logger, _settings.Name, ex.HttpRequestError.ToString(), attempt, _settings.MaxRetries, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, _timeProvider, cancellationToken);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            var delay = retryable && attempt <= _settings.MaxRetries ? RetryDelay(response, attempt) : null;
            if (delay is null)
            {
                using (response)
                {
                    FelModelLog.CallFailed(_logger, _settings.Name, status, attempt);
                    throw await ProviderErrorReader.CreateAsync(response, _settings, _redactor, attempt, cancellationToken);
                }
            }

            response.Dispose();
            FelModelLog.RetryScheduled(_logger, _settings.Name, status, attempt, _settings.MaxRetries, (long)delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, _timeProvider, cancellationToken);
        }
    }

    /// <summary>Returns the wait before retry <paramref name="retry"/>, or <see langword="null"/> when the server requests too long a wait.</summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int retry)
    {
        var asked = RetryAfter(response);
        if (asked is null)
        {
            return Backoff(retry);
        }

        return asked <= MaxRetryAfter ? asked : null;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        // OpenAI sends retry-after-ms next to the standard header, with a finer value.
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static TimeSpan Backoff(int retry)
    {
        var exponential = BaseDelay * Math.Pow(2, retry - 1);
        var capped = exponential > MaxDelay ? MaxDelay : exponential;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}
