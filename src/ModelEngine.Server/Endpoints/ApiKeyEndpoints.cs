using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Auditing;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/api-keys</c>: admins create, list and revoke the API keys of machine clients. The key is returned once, by
/// the create call; the database keeps only its SHA-256 hash.
/// </summary>
internal static class ApiKeyEndpoints
{
    /// <summary>The prefix of generated keys, so that a leaked key is easy to recognise in a scan.</summary>
    public const string KeyPrefix = "mek_";

    private const int MaxNameLength = 128;
    private const int MaxGroups = 50;
    private const int MaxGroupLength = 256;

    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/", CreateAsync).WithSummary("Creates an API key and returns it, once.")
            .Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithSummary("Lists the API keys created through the API, without the keys.")
            .Produces<ListResponse<ApiKeyResponse>>();
        group.MapGet("/{id}", GetAsync).WithSummary("Returns one API key, without the key.")
            .Produces<ApiKeyResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", RevokeAsync).WithSummary("Revokes an API key; a revoked key is kept for the record.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        CreateApiKeyRequest? request,
        HttpContext context,
        IApiKeyStore store,
        StoredApiKeyCache cache,
        IOptionsMonitor<ServerIdentityOptions> identityOptions,
        TimeProvider timeProvider,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var name = ValidateName(request?.Name);
        var groups = ValidateGroups(request!.Groups);
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw new RequestValidationException("expiresAt", expiresAt.ToString("O"),
                $"Field 'expiresAt' is '{expiresAt:O}', which is not in the future. Leave it out for a key that does not expire.");
        }

        if (identityOptions.CurrentValue.ApiKeys.Any(key => string.Equals(key.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new WorkflowConflictException($"An API key named '{name}' is configured under Identity:ApiKeys. Choose another name.");
        }

        // A key acts under its name, so a key named after a user would read that user's instances and tasks.
        if (identityOptions.CurrentValue.Users.Any(configured => string.Equals(configured.Username, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new WorkflowConflictException($"A user named '{name}' is configured under Identity:Users, and a key acts as the user of its name. Choose another name.");
        }

        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var user = context.GetUser();
        var stored = new StoredApiKey
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = name,
            Hash = CredentialHashes.HashApiKey(key),
            Groups = groups,
            CreatedAt = now,
            CreatedBy = user.Name,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        try
        {
            await store.CreateAsync(stored, cancellationToken);
        }
        catch (ConcurrencyConflictException exception)
        {
            throw new WorkflowConflictException(exception.Message);
        }

        cache.Invalidate(stored.Hash);
        await audit.RecordAsync(user, AuditActions.Created, AuditEntityTypes.ApiKey, stored.Id, detail: $"name={stored.Name}");

        var response = new CreatedApiKeyResponse(stored.Id, stored.Name, stored.Groups, stored.CreatedAt, stored.CreatedBy, stored.ExpiresAt, key);
        return Results.Created($"/api/api-keys/{stored.Id}", response);
    }

    private static async Task<ListResponse<ApiKeyResponse>> ListAsync(
        string? page,
        string? pageSize,
        IApiKeyStore store,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var result = await store.ListAsync(paging, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return new ListResponse<ApiKeyResponse>(result.Items.Select(key => ApiKeyResponse.From(key, now)).ToList(), result.TotalCount);
    }

    private static async Task<ApiKeyResponse> GetAsync(string id, IApiKeyStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var key = await store.FindByIdAsync(id, cancellationToken) ?? throw NotFound(id);
        return ApiKeyResponse.From(key, timeProvider.GetUtcNow());
    }

    private static async Task<IResult> RevokeAsync(
        string id,
        HttpContext context,
        IApiKeyStore store,
        StoredApiKeyCache cache,
        TimeProvider timeProvider,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var key = await store.FindByIdAsync(id, cancellationToken) ?? throw NotFound(id);
        var user = context.GetUser();
        var outcome = await store.RevokeAsync(id, user.Name, timeProvider.GetUtcNow(), cancellationToken);
        cache.Invalidate(key.Hash);
        switch (outcome)
        {
            case ApiKeyRevocation.NotFound:
                throw NotFound(id);
            case ApiKeyRevocation.Revoked:
                await audit.RecordAsync(user, AuditActions.Revoked, AuditEntityTypes.ApiKey, id, detail: $"name={key.Name}");
                break;
        }

        return Results.NoContent();
    }

    private static string ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RequestValidationException("name", name, "The body needs 'name', the client's name, as in { \"name\": \"label-printer\", \"groups\": [ \"workers\" ] }.");
        }

        if (name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new RequestValidationException("name", name,
                $"Field 'name' is '{name}'; it must be 1 to {MaxNameLength} characters of ASCII letters, digits, '-', '_' and '.'.");
        }

        return name;
    }

    private static List<string> ValidateGroups(IReadOnlyList<string?>? groups)
    {
        if (groups is null)
        {
            return [];
        }

        if (groups.Count > MaxGroups)
        {
            throw new RequestValidationException("groups", groups.Count.ToString(), $"Field 'groups' has {groups.Count} entries; at most {MaxGroups} are allowed.");
        }

        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (string.IsNullOrWhiteSpace(group) || group.Length > MaxGroupLength || group.Trim() != group)
            {
                throw new RequestValidationException($"groups[{i}]", group,
                    $"Field 'groups[{i}]' is '{group}'; each group must be a non-empty name of at most {MaxGroupLength} characters without leading or trailing spaces.");
            }
        }

        return groups.Select(group => group!).Distinct(StringComparer.Ordinal).ToList();
    }

    private static WorkflowNotFoundException NotFound(string id) => new($"API key '{id}' does not exist.");
}
