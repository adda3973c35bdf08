using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ModelEngine.Fel.Tools.McpTestServer;

// Serves two tools over stdio until the client closes stdin: "add" with a schema the SDK generates, and "weather"
// with a hand-written draft-3 style schema that the FEL side has to normalise.
var tools = new McpServerPrimitiveCollection<McpServerTool>
{
    McpServerTool.Create((int a, int b) => a + b, new McpServerToolCreateOptions { Name = "add", Description = "Adds two whole numbers." }),
    McpServerTool.Create(new WeatherFunction()),
};
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "fel-test-server", Version = "1.0.0" },
    ToolCollection = tools,
};

await using var transport = new StdioServerTransport("fel-test-server");
await using var server = McpServer.Create(transport, options);
await server.RunAsync();
