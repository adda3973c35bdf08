namespace ModelEngine.Fel.Providers.Http;

/// <summary>Replaces a model's key with <c>[redacted]</c> in text that goes into exception messages.</summary>
internal sealed class SecretRedactor
{
    public const string Placeholder = "[redacted]";

    private readonly string? _secret;

    public SecretRedactor(string? secret)
    {
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public string Redact(string text) => _secret is null ? text : text.Replace(_secret, Placeholder, StringComparison.Ordinal);
}
