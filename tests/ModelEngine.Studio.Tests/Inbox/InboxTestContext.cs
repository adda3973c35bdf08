using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Api.Tasks;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Features.Inbox.Live;

namespace ModelEngine.Studio.Tests.Inbox;

/// <summary>
/// A studio test context with the inbox's services, a fake live connection and task builders. It disposes its services
/// asynchronously, because MudBlazor's input services implement only <see cref="IAsyncDisposable"/>.
/// </summary>
public abstract class InboxTestContext : StudioTestContext, IAsyncLifetime
{
    private protected InboxTestContext()
    {
        Services.AddScoped<StudioSession>();
        Services.AddScoped<TasksApi>();
        Services.AddScoped<DescriptorsApi>();
        Services.AddScoped<DefinitionsApi>();
        Services.AddScoped<DefinitionNames>();
        Services.AddSingleton<ITaskLiveUpdates>(Live);
    }

    internal FakeTaskLiveUpdates Live { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>A task in the server's JSON shape; <paramref name="changes"/> overrides or adds fields.</summary>
    internal static JsonObject TaskJson(string id, string status = "Ready", string? assignee = null, int revision = 1, JsonObject? changes = null)
    {
        var task = new JsonObject
        {
            ["id"] = id,
            ["title"] = $"Approve purchase {id}",
            ["description"] = "Check the amount against the budget.",
            ["data"] = new JsonObject { ["amount"] = 2500, ["item"] = "Laptop" },
            ["status"] = status,
            ["assignee"] = assignee,
            ["candidateUsers"] = new JsonArray(),
            ["candidateGroups"] = new JsonArray("managers"),
            ["priority"] = 0,
            ["createdAt"] = "2026-12-05T08:00:00Z",
            ["definitionId"] = "purchase-approval",
            ["workflowInstanceId"] = "instance-1",
            ["outcomes"] = new JsonArray("Approve", "Reject"),
            ["etag"] = $"\"{revision}\"",
        };
        foreach (var (name, value) in changes ?? [])
        {
            task[name] = value?.DeepClone();
        }

        return task;
    }

    /// <summary>Scripts the lists of the task page as empty and the form as <paramref name="schema"/> with <paramref name="draft"/>.</summary>
    internal void ScriptTaskPage(JsonObject task, JsonObject? schema = null, JsonObject? draft = null, JsonObject? uiSchema = null)
    {
        var id = task["id"]!.GetValue<string>();
        Api.On("GET", $"api/tasks/{id}", task);
        Api.On("GET", $"api/tasks/{id}/form", new JsonObject
        {
            ["schema"] = schema?.DeepClone(),
            ["uiSchema"] = uiSchema?.DeepClone(),
            ["data"] = draft?.DeepClone() ?? new JsonObject(),
            ["etag"] = task["etag"]?.DeepClone(),
        });
        Api.On("GET", $"api/tasks/{id}/comments", new { items = Array.Empty<object>(), totalCount = 0 });
        Api.On("GET", $"api/tasks/{id}/attachments", new { items = Array.Empty<object>(), totalCount = 0 });
        Api.On("GET", $"api/tasks/{id}/history", new { items = Array.Empty<object>(), totalCount = 0 });
    }

    /// <summary>Scripts <c>POST /api/tasks/search</c> to return <paramref name="tasks"/> as one page.</summary>
    internal void ScriptSearch(params JsonObject[] tasks) =>
        Api.On("POST", "api/tasks/search", new JsonObject
        {
            ["items"] = new JsonArray(tasks.Select(t => (JsonNode?)t.DeepClone()).ToArray()),
            ["totalCount"] = tasks.Length,
            ["counts"] = new JsonObject { ["mine"] = 1, ["myGroups"] = tasks.Length, ["overdue"] = 0 },
        });

    /// <summary>Returns the requests sent to <paramref name="method"/> <paramref name="path"/>, oldest first.</summary>
    internal IReadOnlyList<ScriptedRequest> Sent(string method, string path) =>
        Api.Requests.Where(r => r.Method == method && r.Path.Split('?')[0] == path).ToList();
}
