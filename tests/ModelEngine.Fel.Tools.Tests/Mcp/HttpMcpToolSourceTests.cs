using Microsoft.Extensions.AI;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Tools.Tests.Support;

namespace ModelEngine.Fel.Tools.Tests.Mcp;

public sealed class HttpMcpToolSourceTests : IClassFixture<HttpMcpServerFixture>
{
    private static readonly TimeSpan Timeout = McpTestServerFixture.Timeout;

    private readonly HttpMcpServerFixture _server;

    public HttpMcpToolSourceTests(HttpMcpServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task Endpoint_ListsAndCallsTools()
    {
        await using var source = new McpToolSource(new McpServerSettings { Name = "web", Endpoint = _server.Endpoint });
        var tools = await source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("web_echo", new Dictionary<string, object?> { ["text"] = "ping" })
            .Reply("It said ping.");

        var result = await new FelAgent(client, tools).RunAsync([new ChatMessage(ChatRole.User, "Echo ping.")]).WaitAsync(Timeout);

        var tool = Assert.Single(tools);
        Assert.Equal("web_echo", tool.Name);
        MetaSchema.AssertValid(tool.JsonSchema);
        Assert.Equal("It said ping.", result.Text);
        var toolResult = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("echo: ping", toolResult.Result);
    }

    [Fact]
    public async Task ServerRestarted_SourceKeepsWorking()
    {
        var first = await HttpMcpServer.StartAsync();
        var endpoint = first.Endpoint;
        await using var source = new McpToolSource(new McpServerSettings { Name = "web", Endpoint = endpoint });
        var before = await source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);

        await first.DisposeAsync();
        await using var second = await HttpMcpServer.StartAsync(endpoint.Port);
        var after = await source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var result = await after.Single().InvokeAsync(new AIFunctionArguments { ["text"] = "again" }).AsTask().WaitAsync(Timeout);

        Assert.Equal("web_echo", Assert.Single(before).Name);
        Assert.Equal("web_echo", Assert.Single(after).Name);
        Assert.Equal("echo: again", result);
    }
}
