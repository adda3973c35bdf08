using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Idempotency;

namespace ModelEngine.Server.Idempotency;

/// <summary>
/// Applies the <c>Idempotency-Key</c> header: finds the first response of a repeated key, rejects a key reused with
/// another request, and builds and stores the records. Keys are scoped by endpoint and caller.
/// </summary>
internal sealed partial class IdempotencyGate
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The header set on a response that repeats the first response of a key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IIdempotencyStore _store;
    private readonly IdempotencyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IdempotencyGate> _logger;

    public IdempotencyGate(IIdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider timeProvider, ILogger<IdempotencyGate> logger)
    {
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Returns the request's key, or <see langword="null"/> without the header. Throws 400 for a key that is empty or too
    /// long, because a client that sends the header expects protection that an ignored key would not give.
    /// </summary>
    public static string? ReadKey(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return null;
        }

        var key = values.ToString().Trim();
        if (key.Length == 0)
        {
            throw new RequestValidationException(HeaderName, "",
                "The Idempotency-Key header is empty. Send a unique key, such as a GUID, or leave the header out.");
        }

        if (key.Length > IdempotencyKeys.MaxKeyLength)
        {
            throw new RequestValidationException(HeaderName, key[..20] + "…",
                $"The Idempotency-Key header is longer than {IdempotencyKeys.MaxKeyLength} characters. Send a shorter key, such as a GUID.");
        }

        return key;
    }

    /// <summary>
    /// Returns the completed first record of the key, or <see langword="null"/> when the key is new or expired (an
    /// expired record is deleted). Throws <see cref="IdempotencyKeyReusedException"/> when the first request differs,
    /// and <see cref="IdempotencyInProgressException"/> when the first request is still running after
    /// <see cref="IdempotencyOptions.InProgressWait"/>.
    /// </summary>
    public async Task<IdempotencyRecord?> FindPreviousAsync(string scope, string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var deadline = _timeProvider.GetUtcNow() + _options.InProgressWait;
        while (true)
        {
            var record = await _store.FindAsync(scope, caller, key, cancellationToken);
            if (record is null)
            {
                return null;
            }

            var now = _timeProvider.GetUtcNow();
            if (record.ExpiresAt <= now)
            {
                await _store.DeleteAsync(scope, caller, key, cancellationToken);
                return null;
            }

            if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
            {
                throw new IdempotencyKeyReusedException(key, scope);
            }

            if (record.StatusCode is not null)
            {
                Log.Replayed(_logger, scope, caller, record.StatusCode.Value, record.WorkflowInstanceId);
                return record;
            }

            if (now >= deadline)
            {
                throw new IdempotencyInProgressException(key, scope, _options.InProgressWait);
            }

            await Task.Delay(PollInterval, _timeProvider, cancellationToken);
        }
    }

    /// <summary>Builds the record of a new request whose response is not known yet.</summary>
    public IdempotencyRecord NewRecord(string scope, string caller, string key, string requestHash)
    {
        var now = _timeProvider.GetUtcNow();
        return new IdempotencyRecord
        {
            Scope = scope,
            Caller = caller,
            Key = key,
            RequestHash = requestHash,
            CreatedAt = now,
            ExpiresAt = now + _options.Retention,
        };
    }

    public Task<bool> TryReserveAsync(IdempotencyRecord record, CancellationToken cancellationToken) => _store.TryInsertAsync(record, cancellationToken);

    public Task CompleteAsync(IdempotencyRecord record, CancellationToken cancellationToken) => _store.CompleteAsync(record, cancellationToken);

    /// <summary>Deletes a reserved record whose request failed, so that the key can be sent again.</summary>
    public Task ReleaseAsync(IdempotencyRecord record) => _store.DeleteAsync(record.Scope, record.Caller, record.Key, CancellationToken.None);

    /// <summary>Returns the record with a response to repeat.</summary>
    public static IdempotencyRecord WithResponse(
        IdempotencyRecord record, int statusCode, string? contentType, string? body, IReadOnlyDictionary<string, string[]>? headers = null, string? workflowInstanceId = null) =>
        record with
        {
            StatusCode = statusCode,
            ContentType = contentType,
            Body = body,
            HeadersJson = headers is { Count: > 0 } ? JsonSerializer.Serialize(headers) : null,
            WorkflowInstanceId = workflowInstanceId ?? record.WorkflowInstanceId,
        };

    /// <summary>Returns the hash that distinguishes two requests: the SHA-256 of their target and body.</summary>
    public static string HashRequest(params string?[] parts) => IdempotencyKeys.Hash(string.Join("\n", parts.Select(part => part ?? "")));

    /// <summary>Writes the stored first response again, with <see cref="ReplayedHeader"/>.</summary>
    public static IResult Replay(HttpContext context, IdempotencyRecord record)
    {
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.HeadersJson is { } headersJson
            && JsonSerializer.Deserialize<Dictionary<string, string[]>>(headersJson) is { } headers)
        {
            foreach (var (name, values) in headers)
            {
                context.Response.Headers[name] = values;
            }
        }

        var status = record.StatusCode ?? StatusCodes.Status200OK;
        return record.Body is null
            ? Results.StatusCode(status)
            : Results.Content(record.Body, record.ContentType, statusCode: status);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1600, Level = LogLevel.Debug,
            Message = "Repeated the first response {StatusCode} of an Idempotency-Key for {Scope} by {Caller} (workflow instance {WorkflowInstanceId})")]
        public static partial void Replayed(ILogger logger, string scope, string caller, int statusCode, string? workflowInstanceId);
    }
}
