using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Operators;

/// <summary>Reads the server's operator catalog, <c>/api/fit/fitables</c>, and waits for fitables to appear in it.</summary>
internal static class FitCatalog
{
    public const string Path = "/api/fit/fitables";

    /// <summary>The catalog entry of one fitable, or <see langword="null"/> when the catalog does not list it.</summary>
    public static JsonObject? FindFitable(JsonObject catalog, string genericableId, string fitableId) =>
        catalog["items"]?.AsArray()
            .OfType<JsonObject>()
            .FirstOrDefault(item => item["id"]?.GetValue<string>() == genericableId)?["fitables"]?.AsArray()
            .OfType<JsonObject>()
            .FirstOrDefault(fitable => fitable["id"]?.GetValue<string>() == fitableId);

    /// <summary>Whether the catalog lists <paramref name="fitableId"/> as loaded in the server itself.</summary>
    public static bool IsLocal(JsonObject catalog, string genericableId, string fitableId) =>
        FindFitable(catalog, genericableId, fitableId)?["isLocal"]?.GetValue<bool>() == true;

    /// <summary>The workers the catalog lists for <paramref name="fitableId"/>.</summary>
    public static IReadOnlyList<string> WorkersOf(JsonObject catalog, string genericableId, string fitableId) =>
        FindFitable(catalog, genericableId, fitableId)?["workerIds"]?.AsArray().Select(id => id!.GetValue<string>()).ToList() ?? [];

    /// <summary>
    /// Polls the catalog until <paramref name="done"/> is true and returns it. <paramref name="checkAlive"/> runs before
    /// each poll, so that a worker process that died fails the wait at once with its output.
    /// </summary>
    public static Task<JsonObject> WaitAsync(HttpClient client, Func<JsonObject, bool> done, string description, Action? checkAlive = null) =>
        Eventually.WaitAsync(
            () =>
            {
                checkAlive?.Invoke();
                return client.GetObjectAsync(Path);
            },
            done,
            description,
            Timeouts.ProcessStart);
}
