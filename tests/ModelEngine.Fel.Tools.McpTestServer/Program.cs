using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ModelEngine.Fel.Tools.McpTestServer;

// Serves three tools over stdio until the client closes stdin: "add" with a schema the SDK generates, "weather" with
// a hand-written draft-3 style schema that the FEL side has to normalise, and "reject", which always reports an error.
var tools = new McpServerPrimitiveCollection<McpServerTool>
{
    McpServerTool.Create((int a, int b) => a + b, new McpServerToolCreateOptions { Name = "add", Description = "Adds two whole numbers." }),
    McpServerTool.Create(new WeatherFunction()),
    McpServerTool.Create((string reason) => ThrowRejected(reason), new McpServerToolCreateOptions { Name = "reject", Description = "Always fails." }),
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
