using Microsoft.Extensions.AI;
using ModelEngine.Fel.Testing;

namespace ModelEngine.Fel.Tests;

public sealed class FelAgentTests
{
    private static readonly ChatMessage[] Task1 = [new(ChatRole.User, "What is 2 + 3?")];

    [Fact]
    public async Task Run_ToolLoop_FeedsResultBack()
    {
        var client = new ScriptedChatClient()
            .CallTool("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 }, "call-add")
            .Reply("The sum is 5.");
        var agent = new FelAgent(client, [AIFunctionFactory.Create((int a, int b) => a + b, "add")]);

        var result = await agent.RunAsync(Task1).WaitAsync(Waits.Timeout);

        Assert.Equal("The sum is 5.", result.Text);
        Assert.Equal(2, result.Steps);
        Assert.Equal(1, result.ToolCalls);
        Assert.False(result.StepLimitReached);
        var toolResult = Assert.Single(client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal("call-add", toolResult.CallId);
        Assert.Equal("5", FelAgent.DescribeResult(toolResult.Result));
        Assert.Contains(client.Requests[0].Options!.Tools!, tool => tool.Name == "add");
    }

    [Fact]
    public async Task Run_UnknownTool_ToldToModel()
    {
        var client = new ScriptedChatClient().CallTool("refund_order").Reply("Sorry.");
        var agent = new FelAgent(client, [AIFunctionFactory.Create(() => "ok", "lookup_order")]);

        var result = await agent.RunAsync(Task1).WaitAsync(Waits.Timeout);

        var toolResult = Assert.Single(client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Contains("no tool named 'refund_order'", FelAgent.DescribeResult(toolResult.Result));
        Assert.Contains("lookup_order", FelAgent.DescribeResult(toolResult.Result));
        Assert.Equal("Sorry.", result.Text);
    }

    [Fact]
    public async Task Run_ToolThrows_ErrorFedBack()
    {
        var client = new ScriptedChatClient().CallTool("lookup_order").Reply("The system is down.");
        var agent = new FelAgent(client, [AIFunctionFactory.Create(string () => throw new InvalidOperationException("database unavailable"), "lookup_order")]);

        var result = await agent.RunAsync(Task1).WaitAsync(Waits.Timeout);

        var toolResult = Assert.Single(client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Contains("database unavailable", FelAgent.DescribeResult(toolResult.Result));
        Assert.Equal(1, result.ToolCalls);
        Assert.Equal("The system is down.", result.Text);
    }

    [Fact]
    public async Task Run_StepLimit_StopsLoop()
    {
        var client = new ScriptedChatClient().CallTool("ping").CallTool("ping").CallTool("ping");
        var agent = new FelAgent(client, [AIFunctionFactory.Create(() => "pong", "ping")], maxSteps: 2);

        var result = await agent.RunAsync(Task1).WaitAsync(Waits.Timeout);

        Assert.True(result.StepLimitReached);
        Assert.Equal(2, result.Steps);
        Assert.Equal(1, result.ToolCalls);
        Assert.Equal(2, client.Requests.Count);
        Assert.Equal(1, client.Remaining);
    }

    [Fact]
    public void Constructor_DuplicateToolNames_Throws()
    {
        var tools = new[] { AIFunctionFactory.Create(() => 1, "same"), AIFunctionFactory.Create(() => 2, "same") };

        var error = Assert.Throws<ArgumentException>(() => new FelAgent(new ScriptedChatClient(), tools));

        Assert.Contains("'same'", error.Message);
    }
}
