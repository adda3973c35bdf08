namespace ModelEngine.Fel.Providers.Configuration;

/// <summary>
/// One validated entry of <c>Fel:Models</c>. It is a class rather than a record so that no generated
/// <c>ToString</c> prints <see cref="ApiKey"/>.
/// </summary>
internal sealed class FelModelSettings
{
    /// <summary>The default number of retries after a 429, a 5xx or a failed connection.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The default time limit of one call, retries included, until the response starts.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    public required string Name { get; init; }

    public required FelModelProvider Provider { get; init; }

    public FelModelKind Kind { get; init; } = FelModelKind.Chat;

    public Uri? Endpoint { get; init; }

    public required string Model { get; init; }

    /// <summary>The key sent as a bearer token. It is never logged and never part of a message.</summary>
    public string? ApiKey { get; init; }

    public int? ContextWindow { get; init; }

    public int MaxRetries { get; init; } = DefaultMaxRetries;

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public int? MaxOutputTokens { get; init; }

    public FelModelDescriptor ToDescriptor() => new(Name, Kind, Provider.ToString(), Model, Endpoint, ContextWindow);

    public override string ToString() => $"{Name} ({Provider} {Kind} model '{Model}')";
}
