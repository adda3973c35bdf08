using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>Lookup, caching, registration and telemetry of <see cref="FelModelCatalog"/>.</summary>
public sealed class FelModelCatalogTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Clients_CreatedOncePerName()
    {
        await using var harness = await ModelHarness.StartAsync();

        var first = harness.Catalog.GetChatClient("test");
        var second = harness.Catalog.GetChatClient("TEST");

        Assert.Same(first, second);
        Assert.Single(harness.Logs.Entries, e => e.EventId == 7200);
    }

    [Fact]
    public async Task Descriptor_CarriesNoKey()
    {
        await using var harness = await ModelHarness.StartAsync(("ContextWindow", "8192"));

        var descriptor = Assert.Single(harness.Catalog.Models);

        Assert.Equal("test", descriptor.Name);
        Assert.Equal("OpenAI", descriptor.Provider);
        Assert.Equal("test-model", descriptor.Model);
        Assert.Equal(8192, descriptor.ContextWindow);
        Assert.Equal(descriptor, harness.Catalog.Find("test"));
        Assert.DoesNotContain(ModelHarness.ApiKey, descriptor.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownName_NotConfigured()
    {
        await using var harness = await ModelHarness.StartAsync();

        var error = Assert.Throws<FelModelNotConfiguredException>(() => harness.Catalog.GetChatClient("drafting"));

        Assert.Equal("Fel:Models:drafting", error.ConfigurationKey);
        Assert.Null(harness.Catalog.Find("drafting"));
    }

    [Fact]
    public async Task WrongKind_NotConfigured()
    {
        await using var harness = await ModelHarness.StartAsync();

        var error = Assert.Throws<FelModelNotConfiguredException>(() => harness.Catalog.GetEmbeddingGenerator("test"));

        Assert.Equal(FelModelKind.Embedding, error.Kind);
    }

    [Fact]
    public async Task Call_KeyNeverLogged()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server
            .EnqueueResponse(500, OpenAIPayloads.Error("Internal error", "server_error"))
            .EnqueueResponse(200, OpenAIPayloads.Completion("ok"))
            .EnqueueResponse(401, OpenAIPayloads.Error("Invalid key"));
        var client = harness.Catalog.GetChatClient("test");

        await harness.AdvanceUntilDoneAsync(client.GetResponseAsync("prompt-zq81"), TimeSpan.FromMilliseconds(250));
        var error = await ModelHarness.ThrowsModelErrorAsync(() => client.GetResponseAsync("prompt-zq81").WaitAsync(s_timeout));

        Assert.NotEmpty(harness.Logs.Entries);
        harness.AssertNoKeyLogged();
        Assert.DoesNotContain(ModelHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.AllText.Contains("prompt-zq81", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_RecordsOpenTelemetryActivity()
    {
        // The listener receives every test's activities, so this test's model id is its own.
        await using var harness = await ModelHarness.StartAsync(("Model", "telemetry-model"));
        harness.Server.EnqueueResponse(200, OpenAIPayloads.Completion("ok"));
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ModelEngine.Fel",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout);

        Activity activity;
        lock (activities)
        {
            activity = Assert.Single(activities, a => a.GetTagItem("gen_ai.request.model") as string == "telemetry-model");
        }

        Assert.Equal("chat telemetry-model", activity.DisplayName);
    }

    [Fact]
    public void AddFelModels_RegistersCatalog()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fel:Models:local:Provider"] = "Ollama",
            ["Fel:Models:local:Endpoint"] = "http://127.0.0.1:11434/",
            ["Fel:Models:local:Model"] = "llama3.2",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddFelModels(configuration).BuildServiceProvider();

        var catalog = services.GetRequiredService<IFelModelCatalog>();

        Assert.Same(services.GetRequiredService<FelModelCatalog>(), catalog);
        Assert.Equal("local", Assert.Single(catalog.Models).Name);
        Assert.IsAssignableFrom<IChatClient>(catalog.GetChatClient("local"));
    }

    [Fact]
    public void AddFelModels_InvalidStopsStartup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fel:Models:local:Provider"] = "Ollama",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFelModels(configuration));

        Assert.Contains("Fel:Models:local:Model is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Models:local:Endpoint is missing", error.Message, StringComparison.Ordinal);
    }
}
