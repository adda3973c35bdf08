using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class MetadataEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public MetadataEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task OpenApi_ListsEndpointsAnonymously()
    {
        var client = _factory.CreateClient();

        var document = await client.GetObjectAsync("/openapi/v1.json");

        Assert.NotNull(document["paths"]?["/api/tasks"]);
        Assert.NotNull(document["paths"]?["/api/workflow-definitions/{definitionId}/dispatch"]);
        Assert.True(File.Exists(_factory.DatabasePath), $"The SQLite file {_factory.DatabasePath} was not created at start-up.");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_AfterStartup_IsHealthy(string path)
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Descriptors_ListActivitiesWithAliases()
    {
        var carol = await _factory.CreateClientForAsync("carol");

        var descriptors = await carol.GetObjectAsync("/api/descriptors/activities");

        var items = descriptors["items"]!.AsArray();
        var userTask = items.FirstOrDefault(item => item?["typeName"]?.GetValue<string>() == "ModelEngine.UserTask");
        Assert.True(userTask is not null, "ModelEngine.UserTask is not among the descriptors.");
        Assert.Contains(userTask!["inputs"]!.AsArray(), input => input?["name"]?.GetValue<string>() == "candidateGroups");
        Assert.Contains(items, item => item?["aliases"]?.AsArray().Any(alias => alias?.GetValue<string>() == "Elsa.FlowDecision") == true);
        Assert.Equal(items.Count, descriptors["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Descriptors_WithoutToken_Returns401()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/descriptors/activities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
