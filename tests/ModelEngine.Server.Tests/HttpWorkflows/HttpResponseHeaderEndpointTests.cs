using System.Net;
using System.Net.Http.Json;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.HttpWorkflows;

/// <summary>Response headers that a workflow under /workflows/ may not send: rejected at publish or faulting the instance.</summary>
public sealed class HttpResponseHeaderEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public HttpResponseHeaderEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Theory]
    [InlineData("http-header-crlf", """{\"X-A\":\"a\\r\\nX-Injected: 1\"}""", "X-A")]
    [InlineData("http-header-name", """{\"X-Bad Name\":\"a\"}""", "X-Bad Name")]
    [InlineData("http-header-framing", """{\"Transfer-Encoding\":\"chunked\"}""", "Transfer-Encoding")]
    [InlineData("http-header-cookie", """{\"Set-Cookie\":\"modelengine.access_token=x\"}""", "modelengine.access_token")]
    public async Task Publish_LiteralUnsendableHeader_Returns400(string definitionId, string headers, string named)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = HttpDefinitions.ThenActivity(definitionId, definitionId, Respond("Object", headers));

        var response = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model, publish = true }).WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.ToJsonString();
        Assert.Contains("responseHeaders", errors, StringComparison.Ordinal);
        Assert.Contains("WriteHttpResponse", errors, StringComparison.Ordinal);
        Assert.Contains(named, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http-expr-crlf", "({'X-A':'a\\\\r\\\\nX-Injected: 1'})", "X-A")]
    [InlineData("http-expr-ascii", "({'X-Name':'caf\\u00e9'})", "X-Name")]
    [InlineData("http-expr-framing", "({'Transfer-Encoding':'chunked'})", "Transfer-Encoding")]
    public async Task Run_ExpressionUnsendableHeader_Returns502AndFaults(string definitionId, string headers, string named)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.ThenActivity(definitionId, definitionId, Respond("JavaScript", headers)));

        var response = await dave.GetAsync($"/workflows/{definitionId}").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadGateway);
        var instanceId = problem["workflowInstanceId"]?.GetValue<string>();
        Assert.Equal(instanceId, Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id")));
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.Null(response.Headers.TransferEncodingChunked);
        var instance = await Instances.WaitForSubStatusAsync(dave, instanceId!, "Faulted");
        var incident = Assert.Single(instance["incidents"]!.AsArray())!;
        Assert.Equal("next", incident["activityId"]?.GetValue<string>());
        Assert.Contains($"'{named}'", incident["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A WriteHttpResponse with id <c>next</c> whose responseHeaders is <paramref name="headers"/>, already escaped for a JSON string.</summary>
    private static string Respond(string expressionType, string headers) => $$"""
        { "id": "next", "type": "Elsa.WriteHttpResponse",
          "content": { "typeName": "Object", "expression": { "type": "Literal", "value": "ok" } },
          "responseHeaders": { "typeName": "Object", "expression": { "type": "{{expressionType}}", "value": "{{headers}}" } } }
        """;
}
