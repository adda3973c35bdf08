using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class ProblemDetailsTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public ProblemDetailsTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task MalformedJson_Returns400WithPosition()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.PostRawAsync("/api/workflow-definitions", "{\n  \"model\": { \"definitionId\": \"x\", }\n  \"publish\": tru\n}");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem["jsonPath"]);
        Assert.Equal(2, problem["line"]?.GetValue<long>());
        Assert.Contains("line 2", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(problem["traceId"]);
    }

    [Fact]
    public async Task MissingModel_Returns400NamingField()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.PostRawAsync("/api/workflow-definitions", "{ \"publish\": true }");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("model", problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task EmptyBody_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.PostRawAsync("/api/workflow-definitions/import", "");

        await response.ReadObjectAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("pageSize=5000", "pageSize", "5000")]
    [InlineData("pageSize=0", "pageSize", "0")]
    [InlineData("page=0", "page", "0")]
    [InlineData("page=abc", "page", "abc")]
    public async Task InvalidPaging_Returns400NamingParameter(string query, string parameter, string value)
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var problem = await bob.GetObjectAsync($"/api/tasks?{query}", HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem["parameter"]?.GetValue<string>());
        Assert.Equal(value, problem["value"]?.GetValue<string>());
        Assert.Contains($"'{parameter}'", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishInvalid_ListsEveryError()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.PurchaseApproval, "broken");
        var activities = model["root"]!["activities"]!.AsArray();
        activities.Add(new JsonObject { ["id"] = "mystery", ["type"] = "Acme.Unknown" });
        activities[1]!["condition"]!["expression"]!["value"] = "getInput('amount') <= ";
        model["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "autoReason", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "ghost", ["port"] = "In" },
        });

        var response = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model, publish = true });

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsArray().Select(error => error!.AsObject()).ToList();
        Assert.Contains(errors, error => error["activityId"]?.GetValue<string>() == "mystery");
        Assert.Contains(errors, error => error["activityId"]?.GetValue<string>() == "checkAmount" && error["property"]?.GetValue<string>() == "condition");
        Assert.Contains(errors, error => error.ToJsonString().Contains("ghost", StringComparison.Ordinal));
        Assert.All(errors, error => Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()), $"An error has no message: {error.ToJsonString()}"));
    }

    [Theory]
    [InlineData("{ \"model\": {} }")]
    [InlineData("{ \"model\": { \"definitionId\": \"odd\", \"root\": 5 } }")]
    [InlineData("{ \"model\": { \"definitionId\": \"odd-activities\", \"root\": { \"type\": \"Elsa.Flowchart\", \"id\": \"f\", \"activities\": 3 } } }")]
    [InlineData("{ \"model\": { \"definitionId\": \"odd-publish\", \"root\": { \"type\": \"Elsa.Flowchart\", \"id\": \"f\", \"activities\": [ { \"id\": 1 } ] } }, \"publish\": true }")]
    [InlineData("{ \"model\": [] }")]
    [InlineData("{ \"model\": {}, \"publish\": \"yes\" }")]
    [InlineData("{ \"model\": { \"definitionId\": \"odd-flat\", \"root\": { \"type\": \"Elsa.Flowchart\", \"id\": \"f\", \"activities\": [ { \"id\": \"a\", \"type\": \"Elsa.WriteLine\" } ], \"connections\": [ { \"source\": 5, \"target\": true } ] } } }")]
    [InlineData("{ \"model\": { \"definitionId\": \"a\", \"definitionId\": \"b\" } }")]
    [InlineData("{ \"model\": { \"definitionId\": \"odd-join\", \"root\": { \"type\": \"Elsa.Flowchart\", \"id\": \"f\", \"activities\": [ { \"id\": \"a\", \"type\": \"Elsa.FlowJoin\", \"mode\": \"Sometimes\" } ] } }, \"publish\": true }")]
    [InlineData("{ \"model\": { \"definitionId\": \"a/b\" } }")]
    public async Task OddDefinition_IsNever500(string body)
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.PostRawAsync("/api/workflow-definitions", body);

        Assert.True((int)response.StatusCode < 500, $"{body} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task DispatchWithNonObjectInput_Returns400()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostRawAsync("/api/workflow-definitions/any/dispatch", "{ \"input\": 5 }");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("$.input", problem["jsonPath"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("", "/api/identity/refresh", "{ \"refreshToken\": 5 }", "$.refreshToken", "a string", "a number")]
    [InlineData("alice", "/api/workflow-definitions/any/dispatch", "{ \"correlationId\": 5 }", "$.correlationId", "a string", "a number")]
    [InlineData("admin", "/api/api-keys", "{ \"name\": \"k\", \"expiresAt\": \"tomorrow\" }", "$.expiresAt", "a date-time string in ISO 8601", null)]
    [InlineData("dave", "/api/workflow-definitions", "{ \"model\": {}, \"publish\": \"yes\" }", "$.publish", "a boolean", "a string")]
    public async Task WrongJsonType_Returns400(string user, string path, string body, string jsonPath, string expected, string? received)
    {
        var client = user.Length == 0 ? _factory.CreateClient() : await _factory.CreateClientForAsync(user);

        var response = await client.PostRawAsync(path, body);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        var detail = problem["detail"]?.GetValue<string>() ?? "";
        Assert.Equal(jsonPath, problem["jsonPath"]?.GetValue<string>());
        Assert.StartsWith(expected, problem["expectedType"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(jsonPath, detail, StringComparison.Ordinal);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        if (received is not null)
        {
            Assert.Equal(received, problem["receivedKind"]?.GetValue<string>());
        }

        Assert.DoesNotContain("ModelEngine.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("well-formed", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerEventAsUser_Returns403()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostRawAsync("/api/events/order-shipped/trigger", "{}");

        var problem = await response.ReadObjectAsync(HttpStatusCode.Forbidden);
        var detail = problem["detail"]?.GetValue<string>() ?? "";
        Assert.Contains("Triggering events", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("RunTask", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceId_HasW3CForm()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var problem = await bob.GetObjectAsync("/api/tasks/no-such-task", HttpStatusCode.NotFound);

        // ASP.NET Core starts an activity for every request, so the trace id has the W3C traceparent form.
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", problem["traceId"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task CompleteWithUnknownOutcome_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "unknown-outcome"));
        var instanceId = await Instances.DispatchAsync(alice, "unknown-outcome", new { amount = 9000, item = "Car" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        await bob.PostObjectAsync($"/api/tasks/{task["id"]}/claim", null);

        var problem = await bob.PostObjectAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Maybe" }, HttpStatusCode.BadRequest);

        Assert.Equal("Maybe", problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task DispatchUnknownDefinition_Returns404()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostAsJsonAsync("/api/workflow-definitions/no-such-definition/dispatch", new { input = new { } });

        var problem = await response.ReadObjectAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-definition", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteWithoutOutcome_Returns400()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var problem = await bob.PostObjectAsync("/api/tasks/any/complete", new { comment = "no outcome" }, HttpStatusCode.BadRequest);

        Assert.Equal("outcome", problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task UnknownTask_Returns404()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        await bob.GetObjectAsync("/api/tasks/no-such-task", HttpStatusCode.NotFound);
        await bob.PostObjectAsync("/api/tasks/no-such-task/claim", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongContentType_Returns415Problem()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        using var content = new StringContent("model=1", System.Text.Encoding.UTF8, "text/plain");

        var response = await dave.PostAsync("/api/workflow-definitions", content);

        await response.ReadObjectAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
