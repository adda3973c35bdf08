using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

/// <summary>The response headers that WriteHttpResponse accepts, at publish for literals and at run time for expressions.</summary>
public sealed class HttpResponseHeaderTests
{
    public static TheoryData<string, string> UnsendableHeaders => new()
    {
        { """{"X-A":"a\r\nX-Injected: 1"}""", "X-A" },
        { """{"X-Bad Name":"a"}""", "X-Bad Name" },
        { """{"X-Name":"café"}""", "X-Name" },
        { """{"X-List":["ok","tab\tok","bell\u0007"]}""", "X-List" },
        { """{"Transfer-Encoding":"chunked"}""", "Transfer-Encoding" },
        { """{"content-length":"5"}""", "content-length" },
        { """{"Connection":"close"}""", "Connection" },
        { """{"Keep-Alive":"timeout=5"}""", "Keep-Alive" },
        { """{"Upgrade":"websocket"}""", "Upgrade" },
        { """{"Trailer":"X-Sum"}""", "Trailer" },
        { """{"TE":"trailers"}""", "TE" },
        { """{"Proxy-Connection":"keep-alive"}""", "Proxy-Connection" },
        { """{"Set-Cookie":["theme=dark"," modelengine.access_token=stolen; Path=/"]}""", "Set-Cookie" },
    };

    [Theory]
    [MemberData(nameof(UnsendableHeaders))]
    public async Task Publish_LiteralUnsendableHeader_IsError(string headers, string name)
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => PublishAsync(engine, Wrapped("Object", JsonValue.Create(headers))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("respond", problem.ActivityId);
        Assert.Equal("responseHeaders", problem.Property);
        Assert.Equal(name, problem.Value);
        Assert.Contains("WriteHttpResponse", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnsendableHeaders))]
    public async Task Run_ExpressionUnsendableHeader_FaultsWithIncident(string headers, string name)
    {
        var sink = new RecordingHttpResponseSink();
        using var engine = new EngineHarness(services => services.AddSingleton<IHttpResponseSink>(sink));
        var id = await PublishAsync(engine, Expr("JavaScript", $"({headers})"));

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, Properties: RequestProperties()));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("respond", incident.ActivityId);
        Assert.Contains($"'{name}'", incident.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Responses);
    }

    [Fact]
    public async Task Run_SendableHeaders_AreWritten()
    {
        var sink = new RecordingHttpResponseSink();
        using var engine = new EngineHarness(services => services.AddSingleton<IHttpResponseSink>(sink));
        const string headers = """({ "Location": "/orders/17", "X-Trace": "a\tb c", "Set-Cookie": ["theme=dark; Path=/"], "Cache-Control": "no-store" })""";
        var id = await PublishAsync(engine, Expr("JavaScript", headers));

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, Properties: RequestProperties()));

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        var response = Assert.Single(sink.Responses).Response;
        Assert.Equal(["a\tb c"], response.Headers["X-Trace"]);
        Assert.Equal(["theme=dark; Path=/"], response.Headers["Set-Cookie"]);
    }

    [Theory]
    [InlineData("X-Order-Id", "17")]
    [InlineData("X-Weird!#$%&'*+-.^_`|~", "ok")]
    [InlineData("Set-Cookie", "modelengine.access_token_copy=1")]
    [InlineData("X-Empty", "")]
    public void FindProblem_SendableHeader_ReturnsNull(string name, string value) =>
        Assert.Null(HttpResponseHeaderRules.FindProblem(name, [value]));

    [Theory]
    [InlineData("", "a")]
    [InlineData("X:A", "a")]
    [InlineData("X-A", "a\nb")]
    [InlineData("X-A", "\u007f")]
    [InlineData("Set-Cookie", "MODELENGINE.ACCESS_TOKEN=x")]
    public void FindProblem_UnsendableHeader_ReturnsFix(string name, string value) =>
        Assert.NotNull(HttpResponseHeaderRules.FindProblem(name, [value]));

    private static Task<string> PublishAsync(EngineHarness engine, JsonObject headers) => engine.PublishAsync(
        Array(
            Activity("http", "Elsa.HttpEndpoint", ("path", Literal("headers", "String"))),
            Activity("respond", "Elsa.WriteHttpResponse", ("content", Literal("ok")), ("responseHeaders", headers))),
        Array(Connect("http", "respond")));

    private static JsonObject RequestProperties() =>
        HttpRequestModel.TriggerProperties("root:http", new JsonObject { [HttpRequestModel.Id] = "request-1" });
}
