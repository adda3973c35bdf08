using System.Net;
using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Loads the definition files in Fixtures/ (the sample is linked there too) and saves them through the API.</summary>
public static class Fixtures
{
    public const string PurchaseApproval = "purchase-approval.json";
    public const string CapexReview = "capex-review.json";
    public const string DelayedGreeting = "delayed-greeting.json";
    public const string SlowScript = "slow-script.json";
    public const string RunTask = "run-task.json";
    public const string DocumentReview = "document-review.json";
    public const string SingleReview = "single-review.json";
    public const string ParallelReview = "parallel-review.json";
    public const string GroupReview = "group-review.json";

    public static JsonObject Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>Loads a fixture under a new definition id, so that tests sharing a database do not collide.</summary>
    public static JsonObject LoadAs(string fileName, string definitionId)
    {
        var model = Load(fileName);
        model["definitionId"] = definitionId;
        model.Remove("id");
        return model;
    }

    /// <summary>Saves and publishes a definition as <paramref name="designer"/> and returns the save response.</summary>
    public static async Task<JsonObject> PublishAsync(HttpClient designer, JsonObject model)
    {
        var response = await designer.PostObjectAsync("/api/workflow-definitions", new { model, publish = true }, HttpStatusCode.Created);
        Assert.True(response["isPublished"]?.GetValue<bool>() == true, $"The definition was saved but not published: {response.ToJsonString()}");
        return response;
    }
}
