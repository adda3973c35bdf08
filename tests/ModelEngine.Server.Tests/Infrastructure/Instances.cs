using System.Net;
using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Starts instances and waits for their state through the API.</summary>
public static class Instances
{
    public static async Task<string> DispatchAsync(HttpClient client, string definitionId, object input)
    {
        var response = await client.PostObjectAsync($"/api/workflow-definitions/{definitionId}/dispatch", new { input }, HttpStatusCode.Accepted);
        return response["workflowInstanceId"]!.GetValue<string>();
    }

    public static Task<JsonObject> WaitForSubStatusAsync(HttpClient client, string instanceId, string subStatus, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(
            () => client.GetObjectAsync($"/api/workflow-instances/{instanceId}"),
            instance => instance["subStatus"]?.GetValue<string>() == subStatus,
            $"workflow instance {instanceId} to reach sub-status {subStatus}",
            timeout);

    /// <summary>Waits until <paramref name="client"/>'s inbox has an open task of the instance, and returns it.</summary>
    public static async Task<JsonObject> WaitForTaskAsync(HttpClient client, string instanceId, TimeSpan? timeout = null)
    {
        var inbox = await Eventually.WaitAsync(
            () => client.GetObjectAsync("/api/tasks"),
            list => FindTask(list, instanceId) is not null,
            $"a task of workflow instance {instanceId} in the inbox",
            timeout);
        return FindTask(inbox, instanceId)!;
    }

    public static JsonObject? FindTask(JsonObject inbox, string instanceId) =>
        inbox["items"]!.AsArray()
            .OfType<JsonObject>()
            .FirstOrDefault(task => task["workflowInstanceId"]?.GetValue<string>() == instanceId);
}
