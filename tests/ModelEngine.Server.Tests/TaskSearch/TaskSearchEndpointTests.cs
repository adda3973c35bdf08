using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>
/// <c>POST /api/tasks/search</c>, <c>/api/tasks/filters</c> and <c>/api/tasks/substitutes</c> over HTTP, on a SQLite file.
/// </summary>
public sealed class TaskSearchEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _server;

    public TaskSearchEndpointTests(ServerFactory server)
    {
        _server = server;
    }

    [Theory]
    [InlineData("""{"sort":{"field":"name"}}""", "$.sort.field", "name")]
    [InlineData("""{"sort":{"field":"dueAt","direction":"up"}}""", "$.sort.direction", "up")]
    [InlineData("""{"cursor":"not-a-cursor"}""", "$.cursor", "not-a-cursor")]
    [InlineData("""{"pageSize":1001}""", "$.pageSize", "1001")]
    [InlineData("""{"pageSize":0}""", "$.pageSize", "0")]
    [InlineData("""{"offset":-1}""", "$.offset", "-1")]
    [InlineData("""{"filter":{"dueBefore":"next tuesday"}}""", "$.filter.dueBefore", "next tuesday")]
    [InlineData("""{"filter":{"dueAfter":"2026-03-01T09:00:00"}}""", "$.filter.dueAfter", "2026-03-01T09:00:00")]
    [InlineData("""{"filter":{"status":["Open"]}}""", "$.filter.status[0]", "Open")]
    [InlineData("""{"filter":{"minPriority":5,"maxPriority":1}}""", "$.filter.minPriority", "5")]
    [InlineData("""{"filter":{"variables":[{"name":"region","op":"like","value":"EU"}]}}""", "$.filter.variables[0].op", "like")]
    [InlineData("""{"filter":{"variables":[{"op":"equals","value":"EU"}]}}""", "$.filter.variables[0].name", null)]
    public async Task Search_BadInput_Returns400NamingField(string body, string parameter, string? value)
    {
        var admin = await _server.CreateClientForAsync("admin");

        var problem = await (await admin.PostRawAsync("/api/tasks/search", body)).ReadObjectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem["parameter"]?.GetValue<string>());
        Assert.Equal(value, problem["value"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Search_CursorOfOtherSort_Returns400()
    {
        var admin = await _server.CreateClientForAsync("admin");
        await StartRegionalReviewAsync(admin, "EU-West");
        await StartRegionalReviewAsync(admin, "EU-West");
        var first = await admin.PostObjectAsync("/api/tasks/search", new { pageSize = 1, sort = new { field = "dueAt" } });
        var cursor = first["nextCursor"]?.GetValue<string>();
        Assert.NotNull(cursor);

        var problem = await (await admin.PostAsJsonAsync("/api/tasks/search", new { cursor, sort = new { field = "priority" } })).ReadObjectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("$.cursor", problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task Search_VariableFilter_FindsTaskByValueAtCreation()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var carol = await _server.CreateClientForAsync("carol");
        var marker = "North-" + Guid.NewGuid().ToString("N")[..8];
        var instanceId = await StartRegionalReviewAsync(admin, marker);
        await StartRegionalReviewAsync(admin, "South");

        var equals = await carol.PostObjectAsync("/api/tasks/search", new
        {
            filter = new { candidateOfMe = true, variables = new[] { new { name = "region", op = "equals", value = marker } } },
        });
        var contains = await carol.PostObjectAsync("/api/tasks/search", new
        {
            filter = new { group = "finance", variables = new[] { new { name = "region", op = "contains", value = marker.ToUpperInvariant() } } },
        });

        Assert.Equal(instanceId, Assert.Single(equals["items"]!.AsArray())!["workflowInstanceId"]?.GetValue<string>());
        Assert.Equal(1, equals["totalCount"]?.GetValue<long>());
        Assert.Equal(instanceId, Assert.Single(contains["items"]!.AsArray())!["workflowInstanceId"]?.GetValue<string>());
        Assert.True(equals["counts"]!["myGroups"]!.GetValue<long>() >= 2, equals["counts"]!.ToJsonString());
    }

    [Fact]
    public async Task SavedFilters_OtherUser_GetsNotFound()
    {
        var bob = await _server.CreateClientForAsync("bob");
        var carol = await _server.CreateClientForAsync("carol");
        var name = "Due soon " + Guid.NewGuid().ToString("N")[..6];

        var created = await bob.PostObjectAsync("/api/tasks/filters", new
        {
            name,
            filter = new { group = "managers", minPriority = 3 },
            sort = new { field = "dueAt", direction = "desc" },
        }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        Assert.Equal("dueAt", created["sort"]?["field"]?.GetValue<string>());
        Assert.Equal("desc", created["sort"]?["direction"]?.GetValue<string>());
        Assert.Equal(3, created["filter"]?["minPriority"]?.GetValue<int>());
        await carol.GetObjectAsync($"/api/tasks/filters/{id}", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.PutAsJsonAsync($"/api/tasks/filters/{id}", new { name = "mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.DeleteAsync($"/api/tasks/filters/{id}")).StatusCode);
        Assert.DoesNotContain((await carol.GetFromJsonAsync<JsonObject>("/api/tasks/filters"))!["items"]!.AsArray(), filter => filter!["id"]?.GetValue<string>() == id);
        Assert.Contains((await bob.GetFromJsonAsync<JsonObject>("/api/tasks/filters"))!["items"]!.AsArray(), filter => filter!["id"]?.GetValue<string>() == id);

        await bob.PostObjectAsync("/api/tasks/filters", new { name }, HttpStatusCode.Conflict);
        await carol.PostObjectAsync("/api/tasks/filters", new { name }, HttpStatusCode.Created);

        var updated = await (await bob.PutAsJsonAsync($"/api/tasks/filters/{id}", new { name = name + " v2", filter = new { assignee = "bob" } })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("bob", updated["filter"]?["assignee"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/tasks/filters/{id}")).StatusCode);
        await bob.GetObjectAsync($"/api/tasks/filters/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SavedFilters_InvalidFilter_Returns400()
    {
        var bob = await _server.CreateClientForAsync("bob");

        var badSort = await bob.PostObjectAsync("/api/tasks/filters", new { name = "x", sort = new { field = "name" } }, HttpStatusCode.BadRequest);
        var badText = await bob.PostObjectAsync("/api/tasks/filters", new { name = "x", filter = new { text = new string('x', 201) } }, HttpStatusCode.BadRequest);
        var badStatus = await bob.PostObjectAsync("/api/tasks/filters", new { name = "x", filter = new { status = new[] { "Closed" } } }, HttpStatusCode.BadRequest);
        var noName = await bob.PostObjectAsync("/api/tasks/filters", new { filter = new { } }, HttpStatusCode.BadRequest);

        Assert.Equal("$.sort.field", badSort["parameter"]?.GetValue<string>());
        Assert.Equal("$.filter.status[0]", badStatus["parameter"]?.GetValue<string>());
        Assert.Equal("$.filter.text", badText["parameter"]?.GetValue<string>());
        Assert.Equal("$.name", noName["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task Substitutes_RuleLetsSubstituteSeeTasks()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var alice = await _server.CreateClientForAsync("alice");
        var dave = await _server.CreateClientForAsync("dave");
        var marker = "Sub-" + Guid.NewGuid().ToString("N")[..8];
        var instanceId = await StartRegionalReviewAsync(admin, marker, reviewer: "carol");
        await StartRegionalReviewAsync(admin, marker);
        var bySubstitute = new { filter = new { variables = new[] { new { name = "region", op = "equals", value = marker } } } };

        // dave finds the task offered to carol only while he substitutes for her. The rule covers carol's tasks as holder
        // or candidate user, not her groups, so the task offered only to finance stays hidden from him.
        var before = await dave.PostObjectAsync("/api/tasks/search", bySubstitute);
        var rule = await admin.PostObjectAsync("/api/tasks/substitutes", new
        {
            user = "carol", substitute = "dave", from = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), to = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        }, HttpStatusCode.Created);
        var after = await dave.PostObjectAsync("/api/tasks/search", bySubstitute);

        Assert.Empty(before["items"]!.AsArray());
        Assert.Equal(instanceId, Assert.Single(after["items"]!.AsArray())!["workflowInstanceId"]?.GetValue<string>());
        Assert.Equal("carol", rule["user"]?.GetValue<string>());
        Assert.Equal("admin", rule["createdBy"]?.GetValue<string>());
        var listed = (await dave.GetFromJsonAsync<JsonObject>("/api/tasks/substitutes"))!["items"]!.AsArray();
        Assert.Contains(listed!, item => item!["id"]?.GetValue<string>() == rule["id"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.DeleteAsync($"/api/tasks/substitutes/{rule["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.DeleteAsync($"/api/tasks/substitutes/{rule["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tasks/substitutes/{rule["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Substitutes_InvalidRule_IsRejected()
    {
        var bob = await _server.CreateClientForAsync("bob");
        var from = "2026-03-01T00:00:00Z";
        var to = "2026-03-08T00:00:00Z";

        var forOther = await bob.PostObjectAsync("/api/tasks/substitutes", new { user = "carol", substitute = "dave", from, to }, HttpStatusCode.Forbidden);
        var self = await bob.PostObjectAsync("/api/tasks/substitutes", new { substitute = "bob", from, to }, HttpStatusCode.BadRequest);
        var reversed = await bob.PostObjectAsync("/api/tasks/substitutes", new { substitute = "dave", from = to, to = from }, HttpStatusCode.BadRequest);
        var empty = await bob.PostObjectAsync("/api/tasks/substitutes", new { substitute = " ", from, to }, HttpStatusCode.BadRequest);
        var badDate = await bob.PostObjectAsync("/api/tasks/substitutes", new { substitute = "dave", from = "soon", to }, HttpStatusCode.BadRequest);
        var listOther = await bob.GetAsync("/api/tasks/substitutes?user=carol");
        var own = await bob.PostObjectAsync("/api/tasks/substitutes", new { substitute = "dave", from, to }, HttpStatusCode.Created);

        Assert.NotNull(forOther["detail"]);
        Assert.Equal("$.substitute", self["parameter"]?.GetValue<string>());
        Assert.Equal("$.to", reversed["parameter"]?.GetValue<string>());
        Assert.Equal("$.substitute", empty["parameter"]?.GetValue<string>());
        Assert.Equal("$.from", badDate["parameter"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, listOther.StatusCode);
        Assert.Equal("bob", own["user"]?.GetValue<string>());
    }

    private async Task<string> StartRegionalReviewAsync(HttpClient admin, string region, string? reviewer = null)
    {
        await EnsureDefinitionAsync(admin);
        var instanceId = await Instances.DispatchAsync(admin, "regional-review", new { region, reviewer });
        await Instances.WaitForTaskAsync(admin, instanceId);
        return instanceId;
    }

    private static readonly SemaphoreSlim DefinitionGate = new(1, 1);
    private static bool s_published;

    private static async Task EnsureDefinitionAsync(HttpClient admin)
    {
        await DefinitionGate.WaitAsync(Timeouts.Request);
        try
        {
            if (!s_published)
            {
                await Fixtures.PublishAsync(admin, Fixtures.Load("regional-review.json"));
                s_published = true;
            }
        }
        finally
        {
            DefinitionGate.Release();
        }
    }
}
