using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Tools.Tests.Support;

namespace ModelEngine.Fel.Tools.Tests.Mcp;

/// <summary>
/// Runs the test MCP server (tests/ModelEngine.Fel.Tools.McpTestServer) as a child process over stdio, as a configured
/// <c>Fel:Mcp:Servers:test</c> would. One server process serves every test of the class.
/// </summary>
public sealed class McpToolSourceTests : IClassFixture<McpTestServerFixture>
{
    private static readonly TimeSpan Timeout = McpTestServerFixture.Timeout;

    private readonly McpToolSource _source;

    public McpToolSourceTests(McpTestServerFixture fixture)
    {
        _source = fixture.Source;
    }

    [Fact]
    public async Task ListTools_PrefixesServerName()
    {
        var tools = await _source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);

        Assert.Equal(["test_add", "test_exit", "test_reject", "test_weather"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool => Assert.Equal("mcp:test", tool.AdditionalProperties[FelToolProperties.Source]));
        Assert.Equal("weather", tools.Single(t => t.Name == "test_weather").AdditionalProperties[FelToolProperties.Id]);
    }

    [Fact]
    public async Task ListTools_SchemasAreNormalised()
    {
        var tools = await _source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var weather = tools.Single(t => t.Name == "test_weather");
        var schema = JsonNode.Parse(weather.JsonSchema.GetRawText())!.AsObject();

        Assert.All(tools, tool => MetaSchema.AssertValid(tool.JsonSchema));
        Assert.Equal(["city"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["Paris"], schema["properties"]!["city"]!["examples"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(schema["properties"]!["unit"]!.AsObject().ContainsKey("examples"));
    }

    [Fact]
    public async Task Names_FilterByFelOrServerName()
    {
        var byFelName = await _source.GetToolsAsync(["test_add", "fit_tool"]).AsTask().WaitAsync(Timeout);
        var byServerName = await _source.GetToolsAsync(["weather"]).AsTask().WaitAsync(Timeout);

        Assert.Equal("test_add", Assert.Single(byFelName).Name);
        Assert.Equal("test_weather", Assert.Single(byServerName).Name);
    }

    [Fact]
    public async Task Agent_CallsMcpTool_ResultReachesNextModelCall()
    {
        var tools = await _source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("test_add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 40 })
            .CallTool("test_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })
            .Reply("42, and sunny.");

        var result = await new FelAgent(client, tools).RunAsync([new ChatMessage(ChatRole.User, "Add and check.")]).WaitAsync(Timeout);

        Assert.Equal("42, and sunny.", result.Text);
        Assert.Equal(2, result.ToolCalls);
        var sum = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        var weather = client.Requests[2].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last();
        Assert.Equal("42", sum.Result);
        Assert.Equal("Sunny in Oslo, 21 degrees.", weather.Result);
    }

    [Fact]
    public async Task StdioCommandMissing_ErrorNamesServerAndKey()
    {
        await using var broken = new McpToolSource(new McpServerSettings
        {
            Name = "files",
            Command = Path.Combine(AppContext.BaseDirectory, "no-such-mcp-server"),
            ConnectTimeout = TimeSpan.FromSeconds(20),
        });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        Assert.Contains("MCP server 'files'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:files:Command", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointRefused_ErrorNamesServerAndKey()
    {
        // A loopback socket that is bound but never listens refuses the connection, and keeps the port from other servers meanwhile.
        using var closedPort = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closedPort.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closedPort.LocalEndPoint!).Port;
        await using var broken = new McpToolSource(new McpServerSettings
        {
            Name = "search",
            Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"),
            ConnectTimeout = TimeSpan.FromSeconds(20),
        });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        Assert.Contains("MCP server 'search'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:search:Endpoint", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_McpToolReportsError_ModelSeesMessage()
    {
        var tools = await _source.GetToolsAsync(["test_reject"]).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("test_reject", new Dictionary<string, object?> { ["reason"] = "quota" })
            .Reply("It failed.");

        await new FelAgent(client, tools).RunAsync([new ChatMessage(ChatRole.User, "Try it.")]).WaitAsync(Timeout);

        var toolResult = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.StartsWith("Error: tool 'test_reject' failed", toolResult.Result?.ToString(), StringComparison.Ordinal);
        Assert.Contains("rejected because quota", toolResult.Result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerExited_NextCallStartsItAgain()
    {
        await using var source = McpTestServerFixture.CreateSource();
        var exit = (await source.GetToolsAsync(["test_exit"]).AsTask().WaitAsync(Timeout)).Single();
        var exited = await Record.ExceptionAsync(() => exit.InvokeAsync([]).AsTask().WaitAsync(Timeout));

        var tools = await source.GetToolsAsync(["test_add"]).AsTask().WaitAsync(Timeout);
        var sum = await tools.Single().InvokeAsync(new AIFunctionArguments { ["a"] = 1, ["b"] = 2 }).AsTask().WaitAsync(Timeout);

        Assert.IsType<FelToolException>(exited);
        Assert.Equal("3", sum);
    }

    [Fact]
    public async Task Disposed_StopsServerAndRejectsCalls()
    {
        await using var source = McpTestServerFixture.CreateSource();
        var tool = (await source.GetToolsAsync(["test_add"]).AsTask().WaitAsync(Timeout)).Single();

        await source.DisposeAsync().AsTask().WaitAsync(Timeout);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.GetToolsAsync(null).AsTask().WaitAsync(Timeout));
        await Assert.ThrowsAsync<FelToolException>(() => tool.InvokeAsync(new AIFunctionArguments { ["a"] = 1, ["b"] = 2 }).AsTask().WaitAsync(Timeout));
    }
}
