using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Remembers the result of looking up a stored API key by hash for <c>Identity:ApiKeyCacheDuration</c>, so that
/// each request does not read the database. A key revoked on another node therefore keeps working here for at most
/// that long. The node that revokes or creates a key drops its entry at once. Unknown hashes are remembered too, so
/// that a client that repeats a wrong key does not reach the database on every request. At most
/// <see cref="MaxEntries"/> entries are kept: when the cache is full it starts empty again.
/// </summary>
internal sealed class StoredApiKeyCache
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IApiKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly IOptionsMonitor<ServerIdentityOptions> _options;

    public StoredApiKeyCache(IApiKeyStore store, TimeProvider timeProvider, IOptionsMonitor<ServerIdentityOptions> options)
    {
        _store = store;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>Returns the stored key with this hash, revoked or expired ones included, or <see langword="null"/>.</summary>
    public async Task<StoredApiKey?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_entries.TryGetValue(hash, out var entry) && entry.FreshUntil > now)
        {
            return entry.Key;
        }

        var key = await _store.FindByHashAsync(hash, cancellationToken);
        var duration = _options.CurrentValue.ApiKeyCacheDuration;
        if (duration > TimeSpan.Zero)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[hash] = new Entry(key, now + duration);
        }

        return key;
    }

    /// <summary>Forgets what is known about a hash, after this node created or revoked its key.</summary>
    public void Invalidate(string hash) => _entries.TryRemove(hash, out _);

    private sealed record Entry(StoredApiKey? Key, DateTimeOffset FreshUntil);
}
