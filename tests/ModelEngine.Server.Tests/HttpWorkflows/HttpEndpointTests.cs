using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.HttpWorkflows;

/// <summary>Workflows served under /workflows/: starts, resumes, access rules and the trigger index.</summary>
public sealed class HttpEndpointTests : IClassFixture<ServerFactory>
{
    private const string DevelopmentApiKey = "modelengine-dev-worker-key";
    private const string AuthorizeFalse = """, "authorize": { "typeName": "Boolean", "expression": { "type": "Literal", "value": "false" } }""";

    private readonly ServerFactory _factory;

    public HttpEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Start_WithRouteValues_WritesResponse()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("http-echo", "orders/{id}"));

        var response = await alice.PostAsJsonAsync("/workflows/orders/17?q=fast", new { amount = 42 }).WaitAsync(Timeouts.Request);

        var body = await response.ReadObjectAsync(HttpStatusCode.Created);
        Assert.Equal("17", body["id"]?.GetValue<string>());
        Assert.Equal(42, body["amount"]?.GetValue<int>());
        Assert.Equal("alice", body["initiator"]?.GetValue<string>());
        Assert.Equal("fast", body["q"]?.GetValue<string>());
        Assert.Equal("yes", Assert.Single(response.Headers.GetValues("X-Echo")));
        var instanceId = Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"));
        var instance = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal("alice", instance["initiator"]?.GetValue<string>());
    }

    [Fact]
    public async Task Start_WithApiKey_RecordsKeyName()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        var worker = _factory.CreateClient();
        worker.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("http-echo-key", "keyed/{id}"));

        var response = await worker.PostAsJsonAsync("/workflows/keyed/3", new { amount = 1 }).WaitAsync(Timeouts.Request);

        var body = await response.ReadObjectAsync(HttpStatusCode.Created);
        Assert.Equal("dev-worker", body["initiator"]?.GetValue<string>());
        var instanceId = Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"));
        var instance = await admin.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("dev-worker", instance["initiator"]?.GetValue<string>());
    }

    [Fact]
    public async Task Resume_ThroughBookmark_AnswersSecondRequest()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, HttpDefinitions.TwoStep("http-two-step", "approvals"));

        var first = await alice.PostAsJsonAsync("/workflows/approvals/5", new { }).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("waiting", await first.Content.ReadAsStringAsync());
        var instanceId = Assert.Single(first.Headers.GetValues("X-Workflow-Instance-Id"));
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

        var other = await alice.PostAsJsonAsync("/workflows/approvals/6/decision", new { decision = "no" }).WaitAsync(Timeouts.Request);
        var second = await alice.PostAsJsonAsync("/workflows/approvals/5/decision", new { decision = "yes" }).WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var body = await second.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("yes", body["decision"]?.GetValue<string>());
        Assert.Equal(instanceId, Assert.Single(second.Headers.GetValues("X-Workflow-Instance-Id")));
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
    }

    [Fact]
    public async Task Start_WithoutResponse_Returns204()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var anonymous = _factory.CreateClient();
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-silent", "ping", AuthorizeFalse));

        var response = await anonymous.GetAsync("/workflows/ping").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"));
    }

    [Fact]
    public async Task Start_SuspendingWithoutResponse_Returns202()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        const string wait = """{ "id": "next", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "NeverSent" } } }""";
        await Fixtures.PublishAsync(dave, HttpDefinitions.ThenActivity("http-suspends", "suspends", wait));

        var response = await dave.GetAsync("/workflows/suspends").WaitAsync(Timeouts.Request);

        var body = await response.ReadObjectAsync(HttpStatusCode.Accepted);
        var instanceId = body["workflowInstanceId"]?.GetValue<string>();
        Assert.Equal("Suspended", body["subStatus"]?.GetValue<string>());
        Assert.Equal($"/api/workflow-instances/{instanceId}", response.Headers.Location?.OriginalString);
        Assert.Equal(instanceId, Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id")));
    }

    [Fact]
    public async Task Start_FaultingWithoutResponse_Returns502()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        const string fault = """{ "id": "next", "type": "Elsa.Fault", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "broken" } } }""";
        await Fixtures.PublishAsync(dave, HttpDefinitions.ThenActivity("http-faults", "faults", fault));

        var response = await dave.GetAsync("/workflows/faults").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadGateway);
        var instanceId = problem["workflowInstanceId"]?.GetValue<string>();
        Assert.Equal(instanceId, Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id")));
        // The same W3C trace id form as every other problem response, not the connection-based request id.
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", problem["traceId"]?.GetValue<string>() ?? "");
        await Instances.WaitForSubStatusAsync(dave, instanceId!, "Faulted");
    }

    [Fact]
    public async Task Authorize_DefaultTrue_Returns401ForAnonymous()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var anonymous = _factory.CreateClient();
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-private", "private"));

        var response = await anonymous.GetAsync("/workflows/private").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("authenticated callers only", problem["detail"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await dave.GetAsync("/workflows/private").WaitAsync(Timeouts.Request)).StatusCode);
    }

    [Fact]
    public async Task Policy_NotSatisfied_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        const string policy = """, "policy": { "typeName": "String", "expression": { "type": "Literal", "value": "DefinitionWriter" } }""";
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-policy", "designers-only", policy));

        var denied = await alice.GetAsync("/workflows/designers-only").WaitAsync(Timeouts.Request);
        var allowed = await dave.GetAsync("/workflows/designers-only").WaitAsync(Timeouts.Request);

        var problem = await denied.ReadObjectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("DefinitionWriter", problem["detail"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
    }

    [Fact]
    public async Task Publish_UnknownPolicy_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        const string policy = """, "policy": { "typeName": "String", "expression": { "type": "Literal", "value": "NoSuchPolicy" } }""";

        var response = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Silent("http-bad-policy", "bad-policy", policy), publish = true });

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("NoSuchPolicy", problem["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task Publish_InvalidPath_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Silent("http-bad-path", "orders/{id"), publish = true });

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("orders/{id", problem["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task Publish_ClaimedRoute_Returns409()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("http-owner", "shared/{id}"));

        var response = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Echo("http-intruder", "Shared/{orderId}"), publish = true });

        var problem = await response.ReadObjectAsync(HttpStatusCode.Conflict);
        Assert.Contains("'http-owner'", problem["detail"]?.GetValue<string>());
        var otherMethod = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Echo("http-getter", "shared/{orderId}", "[\"GET\"]"), publish = true });
        Assert.Equal(HttpStatusCode.Created, otherMethod.StatusCode);
    }

    [Fact]
    public async Task NewVersion_ReplacesTriggers()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-versioned", "v/one", AuthorizeFalse));
        Assert.Equal(HttpStatusCode.NoContent, (await dave.GetAsync("/workflows/v/one").WaitAsync(Timeouts.Request)).StatusCode);

        var saved = await dave.PostObjectAsync("/api/workflow-definitions", new { model = HttpDefinitions.Silent("http-versioned", "v/two", AuthorizeFalse), publish = true });

        Assert.Equal(2, saved["version"]?.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await dave.GetAsync("/workflows/v/one").WaitAsync(Timeouts.Request)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dave.GetAsync("/workflows/v/two").WaitAsync(Timeouts.Request)).StatusCode);
    }

    [Fact]
    public async Task Retract_RemovesTrigger()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-retracted", "retracted", AuthorizeFalse));
        Assert.Equal(HttpStatusCode.NoContent, (await dave.GetAsync("/workflows/retracted").WaitAsync(Timeouts.Request)).StatusCode);

        await dave.PostObjectAsync("/api/workflow-definitions/http-retracted/retract", null);

        Assert.Equal(HttpStatusCode.NotFound, (await dave.GetAsync("/workflows/retracted").WaitAsync(Timeouts.Request)).StatusCode);
        var republish = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Silent("http-claims-retracted", "retracted", AuthorizeFalse), publish = true });
        Assert.Equal(HttpStatusCode.Created, republish.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTrigger()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Silent("http-deleted", "deleted", AuthorizeFalse));

        var deleted = await dave.DeleteAsync("/api/workflow-definitions/http-deleted?force=true").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dave.GetAsync("/workflows/deleted").WaitAsync(Timeouts.Request)).StatusCode);
    }

    [Fact]
    public async Task WrongMethod_Returns405WithAllow()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("http-post-only", "post-only/{id}"));

        var response = await dave.GetAsync("/workflows/post-only/1").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task MalformedJsonBody_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("http-malformed", "malformed/{id}"));

        var response = await dave.PostRawAsync("/workflows/malformed/1", "{ \"amount\": ");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem["jsonPath"]);
        var duplicateKey = await dave.PostRawAsync("/workflows/malformed/1", "{ \"amount\": 1, \"amount\": 2 }");
        Assert.Equal(HttpStatusCode.BadRequest, duplicateKey.StatusCode);
    }
}
