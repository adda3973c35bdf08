using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Operators;

/// <summary>Runs workflow instances that call operators, and fails with the instance's incidents when one faults.</summary>
internal static class OperatorWorkflows
{
    /// <summary>Dispatches an instance, waits until it finished or faulted, and returns its output.</summary>
    public static async Task<JsonObject> RunAsync(HttpClient client, string definitionId, object input)
    {
        var instanceId = await Instances.DispatchAsync(client, definitionId, input);
        var ended = await Eventually.WaitAsync(
            () => client.GetObjectAsync($"/api/workflow-instances/{instanceId}"),
            instance => instance["subStatus"]?.GetValue<string>() is "Finished" or "Faulted",
            $"workflow instance {instanceId} of {definitionId} to finish or fault",
            Timeouts.ProcessStart);
        Assert.True(ended["subStatus"]!.GetValue<string>() == "Finished", $"Workflow instance {instanceId} of {definitionId} did not finish: {ended.ToJsonString()}");
        return ended["output"]!.AsObject();
    }
}
