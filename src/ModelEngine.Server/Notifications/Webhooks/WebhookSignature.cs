using System.Security.Cryptography;
using System.Text;

namespace ModelEngine.Server.Notifications.Webhooks;

/// <summary>
/// Signs webhook requests. The signature is HMAC-SHA256, keyed with the webhook's secret, over the UTF-8 bytes of the
/// timestamp header's value, a full stop and the request body, written as <c>sha256=</c> and lowercase hex.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-ModelEngine-Signature";

    /// <summary>The Unix time in seconds when the request was signed.</summary>
    public const string TimestampHeader = "X-ModelEngine-Timestamp";

    /// <summary>The event id, the same on every attempt: the receiver's idempotency key.</summary>
    public const string EventIdHeader = "X-ModelEngine-Event-Id";

    public const string EventKindHeader = "X-ModelEngine-Event";

    public static string Compute(string secret, string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(body);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of the body and timestamp, compared in constant time.</summary>
    public static bool Verify(string secret, string timestamp, byte[] body, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
