using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Configuration;
using ModelEngine.Server.Notifications.Delivery;

namespace ModelEngine.Server.Notifications.Webhooks;

/// <summary>
/// POSTs a task event to a configured webhook with a signature. Any 2xx response is a success. 408, 429 and 5xx
/// responses, timeouts and network errors are retried, and any other response gives the delivery up.
/// </summary>
internal sealed class WebhookSender : INotificationSender
{
    /// <summary>The name of the <see cref="HttpClient"/> that webhooks use.</summary>
    public const string HttpClientName = "ModelEngine.Webhooks";

    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _timeProvider;

    public WebhookSender(IHttpClientFactory clients, IOptionsMonitor<NotificationOptions> options, IOptions<JsonOptions> json, TimeProvider timeProvider)
    {
        _clients = clients;
        _options = options;
        _json = json.Value.SerializerOptions;
        _timeProvider = timeProvider;
    }

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public async Task SendAsync(NotificationDelivery delivery, HumanTaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var webhook = _options.CurrentValue.Webhooks.FirstOrDefault(candidate => candidate.Name == delivery.Target)
            ?? throw new NotificationDeliveryException($"Webhook '{delivery.Target}' is no longer in HumanTasks:Webhooks.", permanent: true);

        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(taskEvent), _json);
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, taskEvent.Id);
        request.Headers.Add(WebhookSignature.EventKindHeader, taskEvent.Kind.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(webhook.Secret, timestamp, body));

        HttpResponseMessage response;
        try
        {
            response = await _clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new NotificationDeliveryException($"POST to webhook '{webhook.Name}' failed: {exception.Message}", permanent: false, exception);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var retried = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            throw new NotificationDeliveryException($"Webhook '{webhook.Name}' at {webhook.Url} responded {status} {response.ReasonPhrase}.", permanent: !retried);
        }
    }
}
