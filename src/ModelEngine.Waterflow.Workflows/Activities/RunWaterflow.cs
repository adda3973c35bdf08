using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.Waterflow.Workflows.Registration;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Waterflow.Workflows.Activities;

/// <summary>
/// Runs a registered Waterflow flow over a list and stores the outputs in <see cref="Result"/>. A flow with a review
/// block stops there: the held items are saved with the instance, and a human task lets a reviewer choose which ones to release,
/// with the data <c>{ "release": [item ids] }</c> or <c>{ "release": "all" }</c>. Items not released are dropped.
/// </summary>
[Activity("ModelEngine", "Streaming", "Runs a Waterflow flow over a list, with an optional review of held items.", Kind = "Task", DisplayName = "Run Waterflow")]
public sealed class RunWaterflow : Activity
{
    public const string ReleaseOutcome = "Release";
    private const string HeldProperty = "held";

    [Input(Description = "The name of a registered flow.", IsRequired = true, Order = 0)]
    public Input<string>? FlowName { get; set; }

    [Input(Description = "The items to stream through the flow, as a JSON array.", DefaultSyntax = "JavaScript", IsRequired = true, Order = 1)]
    public Input<object>? Items { get; set; }

    [Input(Description = "The title of the review task, for a flow with a review block.", Order = 2)]
    public Input<string>? ReviewTitle { get; set; }

    [Input(Description = "Groups whose members may review the held items.", UIHint = UIHints.GroupPicker, Order = 3)]
    public Input<string[]>? ReviewCandidateGroups { get; set; }

    [Input(Description = "A user who reviews the held items.", UIHint = UIHints.UserPicker, Order = 4)]
    public Input<string>? ReviewAssignee { get; set; }

    [Output(Description = "The flow's output items, in input order.")]
    public Output<object>? Result { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var flow = await ResolveFlowAsync(context);
        var items = AsList(JsonValueFactory.From(await context.EvaluateAsync(Items, "items")));
        var run = await WaterflowRunner.RunAsync(flow.Name, flow.Build, items, context.TimeProvider, context.CancellationToken);
        JournalProgress(context, flow.Name, "flow", run);

        if (!flow.HasReview)
        {
            await CompleteWithAsync(context, run.Items);
            return;
        }

        var held = new JsonArray();
        foreach (var item in run.Items)
        {
            held.Add(new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["value"] = item?.DeepClone() });
        }

        context.Properties[HeldProperty] = held;
        var title = await context.EvaluateAsync(ReviewTitle, "reviewTitle");
        HumanTaskFactory.Create(context, new HumanTaskRequest(string.IsNullOrWhiteSpace(title) ? $"Review {held.Count} item(s) of {flow.Name}" : title)
        {
            Description = "Release the items that may continue through the flow. Items that are not released are dropped.",
            Data = new JsonObject { ["flow"] = flow.Name, ["held"] = held.DeepClone() },
            Assignee = await context.EvaluateAsync(ReviewAssignee, "reviewAssignee"),
            CandidateGroups = await context.EvaluateAsync(ReviewCandidateGroups, "reviewCandidateGroups") ?? [],
            Outcomes = [ReleaseOutcome],
            FormSchema = ReleaseSchema(held),
        });
    }

    protected override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var flow = await ResolveFlowAsync(context);
        var held = context.Properties[HeldProperty] as JsonArray ?? [];
        var release = (context.ResumeInput as JsonObject)?["data"]?["release"];
        var released = SelectReleased(held, release);
        var run = await WaterflowRunner.RunAsync(flow.Name, flow.AfterReview!, released, context.TimeProvider, context.CancellationToken);
        JournalProgress(context, flow.Name, "after review", run);
        context.Properties.Remove(HeldProperty);
        await CompleteWithAsync(context, run.Items, released.Count, held.Count - released.Count);
    }

    protected override ValueTask OnCancelledAsync(ActivityExecutionContext context, CancellationReason reason)
    {
        if (context.Properties.ContainsKey(HumanTaskFactory.TaskIdProperty))
        {
            HumanTaskFactory.Close(context, reason);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask<WaterflowDefinition> ResolveFlowAsync(ActivityExecutionContext context)
    {
        var name = await context.EvaluateAsync(FlowName, "flowName");
        var registry = context.Services.GetRequiredService<WaterflowRegistry>();
        if (string.IsNullOrWhiteSpace(name) || !registry.TryGet(name, out var flow))
        {
            throw new WorkflowFaultException(
                $"Activity '{Id}' (RunWaterflow) names flow '{name}', which is not registered. Registered flows: {string.Join(", ", registry.Names)}.");
        }

        return flow;
    }

    private async ValueTask CompleteWithAsync(ActivityExecutionContext context, IReadOnlyList<JsonNode?> items, int? released = null, int? dropped = null)
    {
        var output = new JsonArray();
        foreach (var item in items)
        {
            output.Add(item?.DeepClone());
        }

        context.SetOutput("result", output, Result);
        if (released is not null)
        {
            context.SetOutput("released", released.Value);
            context.SetOutput("dropped", dropped!.Value);
        }

        await context.CompleteAsync();
    }

    /// <summary>Returns the held values that <paramref name="release"/> selects: <c>"all"</c> or an array of item ids.</summary>
    private List<JsonNode?> SelectReleased(JsonArray held, JsonNode? release)
    {
        if (release is JsonValue all && all.TryGetValue(out string? word) && string.Equals(word, "all", StringComparison.OrdinalIgnoreCase))
        {
            return held.Select(entry => entry!["value"]?.DeepClone()).ToList();
        }

        if (release is not JsonArray ids)
        {
            throw new WorkflowFaultException(
                $"Activity '{Id}' (RunWaterflow) was resumed without a valid 'release': send {{\"release\": \"all\"}} or {{\"release\": [item ids]}} as the task's data.");
        }

        var requestedIds = ids.Select(id => id?.ToString()).ToHashSet(StringComparer.Ordinal);
        return held.Where(entry => requestedIds.Contains(entry!["id"]!.GetValue<string>())).Select(entry => entry!["value"]?.DeepClone()).ToList();
    }

    private static JsonObject ReleaseSchema(JsonArray held)
    {
        var ids = new JsonArray();
        foreach (var entry in held)
        {
            ids.Add(entry!["id"]!.GetValue<string>());
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("release"),
            ["properties"] = new JsonObject
            {
                ["release"] = new JsonObject
                {
                    ["description"] = "\"all\", or the ids of the held items to release.",
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["const"] = "all" },
                        new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = ids } }),
                },
            },
        };
    }

    private static void JournalProgress(ActivityExecutionContext context, string flowName, string phase, WaterflowRun run)
    {
        var nodes = new JsonArray();
        foreach (var node in run.Nodes)
        {
            nodes.Add(new JsonObject { ["node"] = node.Node, ["kind"] = node.Kind, ["itemsIn"] = node.ItemsIn, ["itemsOut"] = node.ItemsOut });
        }

        context.Journal("WaterflowProgress", $"Flow '{flowName}' ({phase}) produced {run.Items.Count} item(s).", new JsonObject { ["flow"] = flowName, ["phase"] = phase, ["nodes"] = nodes });
    }

    private static List<JsonNode?> AsList(JsonNode? items) => items switch
    {
        null => [],
        JsonArray array => array.Select(item => item?.DeepClone()).ToList(),
        _ => [items.DeepClone()],
    };
}
