using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.AI;
using ModelEngine.Fel;
using ModelEngine.Fel.Providers;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>
/// The knowledge base endpoints on the server's own defaults: the offline MiniLM model, chunks in the SQLite file and
/// in-process indexes. A search finds a policy by a paraphrase, and the chunks outlive the server.
/// </summary>
public sealed class KnowledgeEndpointTests : IDisposable
{
    private const string RefundPolicy = "Refunds are paid back to the original card within 14 days after the returned item reaches our warehouse.";

    private const string ShippingPolicy = "Parcels leave the Berlin warehouse on weekdays and arrive within three working days in Germany.";

    private const string PrivacyPolicy = "Customer addresses are deleted two years after the last order, unless the law requires us to keep them.";

    private readonly string _folder = Directory.CreateTempSubdirectory("modelengine-knowledge-").FullName;

    [Fact]
    public async Task Search_ByParaphrase_SurvivesRestart()
    {
        var database = Path.Combine(_folder, "knowledge.db");
        using (var first = OnDatabase(database))
        {
            var dave = await first.CreateClientForAsync("dave");
            var ingested = await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments());
            Assert.Equal(3, ingested["documents"]!.GetValue<int>());
            Assert.Equal(3, ingested["indexed"]!.GetValue<int>());

            var alice = await first.CreateClientForAsync("alice");
            var found = await alice.PostObjectAsync("/api/knowledge-bases/policies/search", new { query = "How long until I get my money back?", topK = 2 });
            Assert.Equal("Hybrid", found["mode"]!.GetValue<string>());
            Assert.Equal("refunds", found["items"]![0]!["documentId"]!.GetValue<string>());
        }

        using var second = OnDatabase(database);
        var reader = await second.CreateClientForAsync("alice");
        var count = await reader.GetObjectAsync("/api/knowledge-bases/policies");
        Assert.Equal(3, count["chunks"]!.GetValue<long>());
        var again = await reader.PostObjectAsync("/api/knowledge-bases/policies/search", new { query = "When do you erase where I live?", mode = "vector", topK = 1 });
        Assert.Equal("privacy", again["items"]![0]!["documentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteDocument_RemovesChunks()
    {
        using var server = OnDatabase(Path.Combine(_folder, "delete.db"));
        var dave = await server.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments());

        var response = await dave.DeleteAsync("/api/knowledge-bases/policies/documents/shipping").WaitAsync(Timeouts.Request);
        var deleted = await response.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, deleted["deleted"]!.GetValue<int>());
        Assert.Equal(2, (await dave.GetObjectAsync("/api/knowledge-bases/policies"))["chunks"]!.GetValue<long>());

        var missing = await dave.DeleteAsync("/api/knowledge-bases/policies/documents/shipping").WaitAsync(Timeouts.Request);
        var problem = await missing.ReadObjectAsync(HttpStatusCode.NotFound);
        Assert.Contains("shipping", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "$.documents")]
    [InlineData("{\"documents\":[{\"id\":\"a\",\"text\":\" \"}]}", "$.documents[0].text")]
    [InlineData("{\"documents\":[{\"text\":\"x\"}]}", "$.documents[0].id")]
    [InlineData("{\"documents\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"a\",\"text\":\"y\"}]}", "$.documents[1].id")]
    [InlineData("{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}],\"chunkTokens\":50,\"overlapTokens\":50}", "$.overlapTokens")]
    [InlineData("{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}],\"chunkTokens\":0}", "$.chunkTokens")]
    public async Task Ingest_BadBody_Is400NamingTheField(string body, string parameter)
    {
        using var server = OnDatabase(Path.Combine(_folder, "bad-body.db"));
        var dave = await server.CreateClientForAsync("dave");
        var response = await dave.PostRawAsync("/api/knowledge-bases/policies/documents", body);
        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Equal(0, (await dave.GetObjectAsync("/api/knowledge-bases/policies"))["chunks"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("{\"query\":\"\"}", "$.query")]
    [InlineData("{\"query\":\"refunds\",\"topK\":0}", "$.topK")]
    [InlineData("{\"query\":\"refunds\",\"mode\":\"fuzzy\"}", "$.mode")]
    public async Task Search_BadBody_Is400NamingTheField(string body, string parameter)
    {
        using var server = OnDatabase(Path.Combine(_folder, "bad-search.db"));
        var alice = await server.CreateClientForAsync("alice");
        var problem = await (await alice.PostRawAsync("/api/knowledge-bases/policies/search", body)).ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_InvalidName_Is400()
    {
        using var server = OnDatabase(Path.Combine(_folder, "bad-name.db"));
        var alice = await server.CreateClientForAsync("alice");
        var response = await alice.GetAsync("/api/knowledge-bases/no%20spaces").WaitAsync(Timeouts.Request);
        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("name", problem["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ingest_ByNonDesigner_IsForbidden()
    {
        using var server = OnDatabase(Path.Combine(_folder, "access.db"));
        var alice = await server.CreateClientForAsync("alice");
        var response = await alice.PostRawAsync("/api/knowledge-bases/policies/documents", "{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}]}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DraftReview_UsesEmbeddedKnowledge()
    {
        var client = new ScriptedChatClient().Reply("Dear Ada, your refund arrives within 14 days.");
        using var server = OnDatabase(Path.Combine(_folder, "sample.db"))
            .WithSetting("Identity:Users:5:Username", FelServer.Reviewer)
            .WithSetting("Identity:Users:5:PasswordHash", FelServer.PasswordHash)
            .WithSetting("Identity:Users:5:Groups:0", "support")
            .WithServices(services => services.AddSingleton<ModelEngine.Fel.IFelModelCatalog>(new TestModelCatalog().Add(FelServer.ModelName, client)));
        var dave = await server.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments());
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("ai-draft-review.json"), HttpStatusCode.Created);

        var alice = await server.CreateClientForAsync("alice");
        var instanceId = await Instances.DispatchAsync(alice, "ai-draft-review", new
        {
            customerEmail = "I sent the shoes back last week. When will I see the money on my card?",
            customerName = "Ada",
        });
        var sam = await server.CreateClientForAsync(FelServer.Reviewer);
        await Instances.WaitForTaskAsync(sam, instanceId);

        var prompt = Assert.Single(client.Requests).Messages;
        Assert.Contains(RefundPolicy, prompt[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnconfiguredEmbeddingModel_Is503()
    {
        using var server = OnDatabase(Path.Combine(_folder, "no-model.db")).WithSetting("Fel:Knowledge:EmbeddingModel", "nosuch");
        var alice = await server.CreateClientForAsync("alice");
        var response = await alice.GetAsync("/api/knowledge-bases/policies").WaitAsync(Timeouts.Request);
        var problem = await response.ReadObjectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Fel:Models:nosuch", problem["configurationKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ingest_EmbeddingProviderFails_Is502()
    {
        var generator = new FailingEmbeddingGenerator(new FelModelException("embedder", "OpenAI", 400, "input too long (fake)", "Bad Request: input too long (fake)"));
        using var server = OnDatabase(Path.Combine(_folder, "provider-fails.db"))
            .WithSetting("Fel:Knowledge:EmbeddingModel", "embedder")
            .WithServices(services => services.AddSingleton<IFelModelCatalog>(new TestModelCatalog().AddEmbedding("embedder", generator)));
        var dave = await server.CreateClientForAsync("dave");

        var response = await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments(), HttpStatusCode.BadGateway);

        Assert.Contains("input too long (fake)", response["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("embedder", response["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task OtherEmbeddingModel_Is409()
    {
        var database = Path.Combine(_folder, "other-model.db");
        using (var first = OnDatabase(database))
        {
            var dave = await first.CreateClientForAsync("dave");
            await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments());
        }

        using var second = OnDatabase(database)
            .WithSetting("Fel:Knowledge:EmbeddingModel", "small")
            .WithServices(services => services.AddSingleton<IFelModelCatalog>(new TestModelCatalog().AddEmbedding("small", new HashingEmbeddingGenerator(32))));
        var designer = await second.CreateClientForAsync("dave");

        var search = await designer.PostObjectAsync("/api/knowledge-bases/policies/search", new { query = "refund", mode = "Vector" }, HttpStatusCode.Conflict);
        Assert.Equal(384, search["expectedDimensions"]!.GetValue<int>());
        Assert.Equal(32, search["actualDimensions"]!.GetValue<int>());

        var ingest = await designer.PostObjectAsync("/api/knowledge-bases/policies/documents", PolicyDocuments(), HttpStatusCode.Conflict);
        Assert.Contains("dimensions", ingest["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, (await designer.GetObjectAsync("/api/knowledge-bases/policies"))["chunks"]!.GetValue<long>());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The server may still have a file open. The system cleans the temporary folder later.
        }
    }

    private static ServerFactory OnDatabase(string path) =>
        new ServerFactory().WithSetting("ConnectionStrings:ModelEngine", $"Data Source={path}");

    private static JsonObject PolicyDocuments() => new()
    {
        ["documents"] = new JsonArray(
            new JsonObject { ["id"] = "refunds", ["text"] = RefundPolicy, ["metadata"] = new JsonObject { ["title"] = "Refunds" } },
            new JsonObject { ["id"] = "shipping", ["text"] = ShippingPolicy },
            new JsonObject { ["id"] = "privacy", ["text"] = PrivacyPolicy }),
    };
}
