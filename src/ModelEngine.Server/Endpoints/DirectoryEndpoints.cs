using Microsoft.Extensions.Options;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/directory</c>: the users and groups for the studio's pickers, for any authenticated caller. The list is built
/// from configuration: the configured users (<c>Identity:Users</c>) and their groups, unless an external OpenID Connect
/// provider issues the tokens, and the entries under <c>Identity:Directory</c>.
/// </summary>
internal static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/directory").WithTags("Directory");
        group.MapGet("/users", ListUsers)
            .WithSummary("Lists the known users whose name or display name contains the search text, by name.")
            .Produces<ListResponse<DirectoryEntryResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/groups", ListGroups)
            .WithSummary("Lists the known groups whose name or display name contains the search text, by name.")
            .Produces<ListResponse<DirectoryEntryResponse>>();
        return api;
    }

    private static ListResponse<DirectoryEntryResponse> ListUsers(
        string? search, string? page, string? pageSize, IOptions<ServerIdentityOptions> options)
    {
        var paging = Paging.Parse(page, pageSize);
        var identity = options.Value;
        var users = new Dictionary<string, DirectoryEntryResponse>(StringComparer.Ordinal);
        foreach (var user in identity.Directory.Users.Where(user => !string.IsNullOrWhiteSpace(user.Name)))
        {
            users[user.Name] = new DirectoryEntryResponse(user.Name, NullIfBlank(user.DisplayName));
        }

        if (!identity.Oidc.IsEnabled)
        {
            foreach (var user in identity.Users.Where(user => !string.IsNullOrWhiteSpace(user.Username)))
            {
                users.TryAdd(user.Username, new DirectoryEntryResponse(user.Username, null));
            }
        }

        var matches = Filter(users.Values, search);
        var items = matches.Skip(paging.Skip).Take(paging.PageSize).ToList();
        return new ListResponse<DirectoryEntryResponse>(items, matches.Count);
    }

    private static ListResponse<DirectoryEntryResponse> ListGroups(string? search, IOptions<ServerIdentityOptions> options)
    {
        var identity = options.Value;
        var groups = new Dictionary<string, DirectoryEntryResponse>(StringComparer.Ordinal);
        foreach (var group in identity.Directory.Groups.Where(group => !string.IsNullOrWhiteSpace(group.Name)))
        {
            groups[group.Name] = new DirectoryEntryResponse(group.Name, NullIfBlank(group.DisplayName));
        }

        var memberGroups = identity.Directory.Users.SelectMany(user => user.Groups);
        if (!identity.Oidc.IsEnabled)
        {
            memberGroups = memberGroups.Concat(identity.Users.SelectMany(user => user.Groups));
        }

        foreach (var name in memberGroups.Where(name => !string.IsNullOrWhiteSpace(name)))
        {
            groups.TryAdd(name, new DirectoryEntryResponse(name, null));
        }

        var matches = Filter(groups.Values, search);
        return new ListResponse<DirectoryEntryResponse>(matches, matches.Count);
    }

    /// <summary>Keeps the entries whose name or display name contains <paramref name="search"/>, ignoring case, sorted by name.</summary>
    private static List<DirectoryEntryResponse> Filter(IEnumerable<DirectoryEntryResponse> entries, string? search)
    {
        var text = search?.Trim();
        return entries
            .Where(entry => string.IsNullOrEmpty(text)
                || entry.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (entry.DisplayName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
