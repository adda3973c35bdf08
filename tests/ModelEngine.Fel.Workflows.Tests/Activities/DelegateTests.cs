using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class DelegateTests
{
    private static FakeToolSource OrderTools() => new("orders",
        AIFunctionFactory.Create((string orderId) => $"Order {orderId} shipped on 2026-12-01.", "get_order_status", "Returns an order's shipping status."),
        AIFunctionFactory.Create(CancelOrder, "cancel_order", "Cancels an order."));

    private static string CancelOrder(string orderId) => throw new InvalidOperationException($"Order {orderId} is locked.");

    private static JsonObject Agent(params (string Name, JsonNode? Value)[] extra) =>
        Activity("agent", DelegateToAgent.TypeName,
        [
            ("model", Literal(FelEngine.ModelName, "String")),
            ("system", Literal("You help with orders.", "String")),
            ("prompt", Literal("Where is order {{orderId}}?", "String")),
            ("variables", Expr("JavaScript", "({ orderId: 'A-17' })")),
            .. extra,
        ]);

    private static JsonObject OutputOf(string output) =>
        Activity("out_" + output, "Elsa.SetOutput", ("outputName", Literal(output, "String")), ("outputValue", Expr("JavaScript", $"getOutputFrom('agent', '{output}')")));

    [Fact]
    public async Task ToolLoop_AnswersAndJournalsCalls()
    {
        var tools = OrderTools();
        using var engine = new FelEngine(toolSources: tools);
        engine.Client
            .CallTool("get_order_status", new Dictionary<string, object?> { ["orderId"] = "A-17" })
            .CallTool("cancel_order", new Dictionary<string, object?> { ["orderId"] = "A-17" })
            .Reply("Order A-17 shipped on 2026-12-01.");
        var id = await engine.PublishChainAsync(Agent(), OutputOf("text"), OutputOf("steps"), OutputOf("toolCalls"));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        Assert.Equal("Order A-17 shipped on 2026-12-01.", instance.Output["text"]!.GetValue<string>());
        Assert.Equal("3", instance.Output["steps"]!.ToJsonString());
        var calls = instance.Output["toolCalls"]!.AsArray();
        Assert.Equal(2, calls.Count);
        Assert.Equal("get_order_status", calls[0]!["name"]!.GetValue<string>());
        Assert.Contains("A-17", calls[0]!["arguments"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(calls[0]!["failed"]!.GetValue<bool>());
        Assert.True(calls[1]!["failed"]!.GetValue<bool>());
        Assert.Contains("locked", calls[1]!["result"]!.GetValue<string>(), StringComparison.Ordinal);
        var secondRequest = engine.Client.Requests[1].Messages;
        var toolResult = secondRequest[^1].Contents.OfType<FunctionResultContent>().Single();
        Assert.Contains("shipped", toolResult.Result?.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, engine.Client.Requests[0].Options!.Tools!.Count);
        var journal = await engine.JournalAsync(instance.Summary.Id);
        Assert.Equal(2, journal.Count(entry => entry.EventName == DelegateToAgent.ToolCalledEvent));
        Assert.Null(Assert.Single(tools.Requests));
    }

    [Fact]
    public async Task NamedTools_OnlyThoseOffered()
    {
        var tools = OrderTools();
        using var engine = new FelEngine(toolSources: tools);
        engine.Client.Reply("Shipped.");
        var id = await engine.PublishChainAsync(Agent(("tools", Wrapped("Object", JsonValue.Create("[\"get_order_status\"]"), "String[]"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, FelEngine.Incidents(instance));
        var offered = Assert.Single(engine.Client.Requests[0].Options!.Tools!);
        Assert.Equal("get_order_status", offered.Name);
        Assert.Equal(["get_order_status"], Assert.Single(tools.Requests)!);
    }

    [Fact]
    public async Task UnknownTool_IncidentListsIt()
    {
        using var engine = new FelEngine(toolSources: OrderTools());
        var id = await engine.PublishChainAsync(Agent(("tools", Wrapped("Object", JsonValue.Create("[\"refund_order\"]"), "String[]"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var message = Assert.Single(instance.Incidents).Message;
        Assert.Contains("refund_order", message, StringComparison.Ordinal);
        Assert.Empty(engine.Client.Requests);
    }

    [Fact]
    public async Task StepLimit_IncidentSaysSo()
    {
        using var engine = new FelEngine(toolSources: OrderTools());
        engine.Client
            .CallTool("get_order_status", new Dictionary<string, object?> { ["orderId"] = "A-17" })
            .CallTool("get_order_status", new Dictionary<string, object?> { ["orderId"] = "A-17" });
        var id = await engine.PublishChainAsync(Agent(("maxSteps", Literal(2, "Int32"))));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var message = Assert.Single(instance.Incidents).Message;
        Assert.Contains("step limit of 2", message, StringComparison.Ordinal);
        Assert.Contains("maxSteps", message, StringComparison.Ordinal);
        Assert.Equal(2, engine.Client.Requests.Count);
    }
}
