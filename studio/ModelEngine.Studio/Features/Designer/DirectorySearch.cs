using System.Text.Json.Nodes;
using ModelEngine.Studio.Api;

namespace ModelEngine.Studio.Features.Designer;

/// <summary>
/// The user and group searches behind the property panel's pickers, through <c>GET /api/directory/users</c> and
/// <c>GET /api/directory/groups</c> with <c>search</c>.
/// </summary>
public class DirectorySearch(StudioApiClient api)
{
    public Task<IReadOnlyList<string>> SearchUsersAsync(string text) => SearchAsync("users", text);

    public Task<IReadOnlyList<string>> SearchGroupsAsync(string text) => SearchAsync("groups", text);

    // NOTE: the response's shape is read loosely (an array, or { items }, of strings or of objects with a name), because
    // the server documents no directory search yet. Any server error gives an empty list.
    private async Task<IReadOnlyList<string>> SearchAsync(string kind, string text)
    {
        try
        {
            var response = await api.GetAsync<JsonNode?>($"api/directory/{kind}?search={Uri.EscapeDataString(text ?? string.Empty)}");
            var items = response as JsonArray ?? response?["items"] as JsonArray ?? [];
            return [.. items.Select(Name).OfType<string>()];
        }
        catch (StudioApiException)
        {
            return [];
        }
    }

    private static string? Name(JsonNode? item) => item switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject value => (value["name"] ?? value["userName"] ?? value["id"])?.GetValue<string>(),
        _ => null,
    };
}
