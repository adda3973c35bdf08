using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ModelEngine.Fel.Tools.McpTestServer;

// Serves four tools over stdio until the client closes stdin. "add" has a schema the SDK generates. "weather" has a
// hand-written draft-3 style schema that the FEL side has to normalise. "reject" always reports an error, and "exit"
// ends the process as a crashing server would.
var tools = new McpServerPrimitiveCollection<McpServerTool>
{
    McpServerTool.Create((int a, int b) => a + b, new McpServerToolCreateOptions { Name = "add", Description = "Adds two whole numbers." }),
    McpServerTool.Create(new WeatherFunction()),
    McpServerTool.Create((string reason) => ThrowRejected(reason), new McpServerToolCreateOptions { Name = "reject", Description = "Always fails." }),
    McpServerTool.Create(() => Exit(), new McpServerToolCreateOptions { Name = "exit", Description = "Ends the server process." }),
};
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "fel-test-server", Version = "1.0.0" },
    ToolCollection = tools,
};

await using var transport = new StdioServerTransport("fel-test-server");
await using var server = McpServer.Create(transport, options);
await server.RunAsync();

static string ThrowRejected(string reason) => throw new McpException($"rejected because {reason}");

static string Exit()
{
    Environment.Exit(3);
    return string.Empty;
}
