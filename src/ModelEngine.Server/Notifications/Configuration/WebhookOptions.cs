using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Server.Notifications.Configuration;

/// <summary>One outbound webhook, an entry of <c>HumanTasks:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>A name unique among the webhooks; deliveries and logs refer to it.</summary>
    public string Name { get; set; } = "";

    /// <summary>The absolute http or https URL that receives the POST.</summary>
    public string Url { get; set; } = "";

    /// <summary>The key of the HMAC-SHA256 signature in <c>X-ModelEngine-Signature</c>.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The event kinds that this webhook receives.</summary>
    public List<HumanTaskEventKind> Events { get; set; } = [];
}
