using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>
/// A server on its own SQLite file with extra reviewers (erin and frank in managers, gina in requesters and managers),
/// and helpers that publish a one-task definition, start it and send task calls with If-Match.
/// </summary>
public sealed class InboxServer : IDisposable
{
    private const string PasswordHash = "AQAAAAIAAYagAAAAECYplTP9j+4FRnXxlr7JZq3aNxaawnPpCq0HwUAFR4se4Wgk61Rrfj9zh2r97CA4CQ==";
    private int _definitions;

    public InboxServer()
    {
        Factory = new ServerFactory();
        string[][] users = [["erin", "managers"], ["frank", "managers"], ["gina", "requesters,managers"]];
        for (var i = 0; i < users.Length; i++)
        {
            var index = 5 + i;
            Factory.WithSetting($"Identity:Users:{index}:Username", users[i][0]);
            Factory.WithSetting($"Identity:Users:{index}:PasswordHash", PasswordHash);
            var groups = users[i][1].Split(',');
            for (var g = 0; g < groups.Length; g++)
            {
                Factory.WithSetting($"Identity:Users:{index}:Groups:{g}", groups[g]);
            }
        }
    }

    public ServerFactory Factory { get; }

    public Task<HttpClient> ClientAsync(string user) => Factory.CreateClientForAsync(user);

    /// <summary>
    /// Publishes a definition whose single UserTask has the given literal inputs, such as candidateGroups or formSchema,
    /// and returns its definition id.
    /// </summary>
    public async Task<string> PublishAsync(JsonObject userTaskInputs)
    {
        var definitionId = $"inbox-{Interlocked.Increment(ref _definitions)}-{Guid.NewGuid():N}"[..24];
        var review = new JsonObject
        {
            ["id"] = "review",
            ["type"] = "ModelEngine.UserTask",
            ["title"] = Literal("String", "Review the request"),
        };
        foreach (var (name, value) in userTaskInputs)
        {
            review[name] = value is JsonValue text && text.TryGetValue(out string? literal)
                ? Literal("String", literal)
                : new JsonObject
                {
                    ["typeName"] = "Object",
                    ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = value?.ToJsonString() },
                };
        }

        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "flow",
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                    review),
                ["connections"] = new JsonArray(
                    new JsonObject
                    {
                        ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
                        ["target"] = new JsonObject { ["activity"] = "review", ["port"] = "In" },
                    }),
            },
        };
        var designer = await ClientAsync("dave");
        await Fixtures.PublishAsync(designer, model);
        return definitionId;
    }

    /// <summary>Starts the definition as <paramref name="initiator"/> and returns the task as <paramref name="viewer"/> reads it.</summary>
    public async Task<(string InstanceId, JsonObject Task)> StartAsync(string definitionId, HttpClient initiator, HttpClient viewer)
    {
        var instanceId = await Instances.DispatchAsync(initiator, definitionId, new { amount = 120 });

        // Tests share one server, so the viewer's inbox can hold more than a default page of older tasks.
        var inbox = await Eventually.WaitAsync(
            () => viewer.GetObjectAsync("/api/tasks?pageSize=1000"),
            list => Instances.FindTask(list, instanceId) is not null,
            $"a task of workflow instance {instanceId} in the inbox");
        return (instanceId, Instances.FindTask(inbox, instanceId)!);
    }

    public static async Task<JsonObject> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected, string? etag = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var response = await client.SendAsync(request).WaitAsync(Timeouts.Request);
        return await response.ReadObjectAsync(expected);
    }

    public static Task<JsonObject> PostAsync(HttpClient client, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK, string? etag = null) =>
        SendAsync(client, HttpMethod.Post, path, body, expected, etag);

    public static async Task<JsonArray> HistoryAsync(HttpClient client, string taskId) =>
        (await client.GetObjectAsync($"/api/tasks/{taskId}/history"))["items"]!.AsArray();

    public static IReadOnlyList<string> Actions(JsonArray history) =>
        history.Select(entry => entry!["action"]!.GetValue<string>()).ToList();

    public void Dispose() => Factory.Dispose();

    private static JsonObject Literal(string typeName, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
