using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Tools.Tests.Support;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fel.Tools.Tests.Fit;

public sealed class FitOperatorToolSourceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TextOperators _operators = new();
    private readonly ServiceProvider _services;

    public FitOperatorToolSourceTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFit().AddFitable(_operators).AddFitable(new GeoOperators());
        _services = services.BuildServiceProvider();
    }

    private IFitRegistry Registry => _services.GetRequiredService<IFitRegistry>();

    private FitOperatorToolSource Source(params string[] allowed) => new(Registry, _services.GetRequiredService<IFitClient>(), allowed);

    private async Task<AIFunction> ToolAsync(string id) =>
        Assert.Single(await Source(id).GetToolsAsync(null).AsTask().WaitAsync(Timeout));

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Schema_RequiredAndOptionalParameters()
    {
        var tool = await ToolAsync("samples.text.summarize");
        var schema = JsonNode.Parse(tool.JsonSchema.GetRawText())!.AsObject();

        MetaSchema.AssertValid(tool.JsonSchema);
        Assert.Equal("samples_text_summarize", tool.Name);
        Assert.Equal(["text"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["text", "maxWords"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("string", schema["properties"]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("The text to shorten.", schema["properties"]!["text"]!["description"]!.GetValue<string>());
        Assert.Equal("integer", schema["properties"]!["maxWords"]!["type"]!.GetValue<string>());
        Assert.Equal(3, schema["properties"]!["maxWords"]!["default"]!.GetValue<int>());
        Assert.Contains("Shortens a text", tool.Description, StringComparison.Ordinal);
        Assert.Equal("samples.text.summarize", tool.AdditionalProperties[FelToolProperties.Id]);
        Assert.Equal("fit", tool.AdditionalProperties[FelToolProperties.Source]);
    }

    [Fact]
    public async Task Schema_DeclaredContract_AllParametersRequired()
    {
        Registry.AddGenericable(new GenericableDescriptor
        {
            Id = "samples.python.tokenize",
            Parameters = [new FitParameter("text", FitValueType.String), new FitParameter("options", FitValueType.Json), new FitParameter("blob", FitValueType.Bytes)],
        });

        var tool = await ToolAsync("samples.python.tokenize");
        var schema = JsonNode.Parse(tool.JsonSchema.GetRawText())!.AsObject();

        MetaSchema.AssertValid(tool.JsonSchema);
        Assert.Equal(["text", "options", "blob"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("string", schema["properties"]!["text"]!["type"]!.GetValue<string>());
        Assert.Empty(schema["properties"]!["options"]!.AsObject());
        Assert.Equal("base64", schema["properties"]!["blob"]!["contentEncoding"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schema_SharedRecordType_ValidatesArguments()
    {
        var tool = await ToolAsync("samples.geo.distance");
        var schema = Json.Schema.JsonSchema.FromText(tool.JsonSchema.GetRawText());
        var valid = System.Text.Json.JsonDocument.Parse("""{"from":{"x":0,"y":0},"to":{"x":3,"y":4}}""").RootElement;
        var invalid = System.Text.Json.JsonDocument.Parse("""{"from":{"x":0,"y":0},"to":{"x":"far","y":4}}""").RootElement;

        MetaSchema.AssertValid(tool.JsonSchema);
        Assert.True(schema.Evaluate(valid).IsValid, tool.JsonSchema.GetRawText());
        Assert.False(schema.Evaluate(invalid).IsValid, tool.JsonSchema.GetRawText());
        var result = await tool.InvokeAsync(new AIFunctionArguments(valid.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()))).AsTask().WaitAsync(Timeout);
        Assert.Equal(5.0, result);
    }

    [Fact]
    public async Task AllowList_Empty_ExposesNothing()
    {
        var tools = await Source().GetToolsAsync(null).AsTask().WaitAsync(Timeout);

        Assert.Empty(tools);
    }

    [Fact]
    public async Task AllowList_Star_ExposesEveryGenericable()
    {
        var tools = await Source(FitOperatorToolSource.All).GetToolsAsync(null).AsTask().WaitAsync(Timeout);

        Assert.Equal(["samples_geo_distance", "samples_text_reject", "samples_text_summarize"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Names_FilterByToolNameOrId()
    {
        var source = Source("samples.text.summarize", "samples.text.reject");

        var byName = await source.GetToolsAsync(["samples_text_reject", "other_tool"]).AsTask().WaitAsync(Timeout);
        var byId = await source.GetToolsAsync(["samples.text.summarize"]).AsTask().WaitAsync(Timeout);

        Assert.Equal("samples_text_reject", Assert.Single(byName).Name);
        Assert.Equal("samples_text_summarize", Assert.Single(byId).Name);
    }

    [Fact]
    public async Task UnknownGenericable_RequestedByName_Fails()
    {
        var source = Source("samples.text.missing");

        var all = await source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(["samples.text.missing"]).AsTask().WaitAsync(Timeout));

        Assert.Empty(all);
        Assert.Contains("'samples.text.missing'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("no contract", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_OptionalArgumentLeftOut_UsesDefault()
    {
        var tool = await ToolAsync("samples.text.summarize");

        var result = await tool.InvokeAsync(new AIFunctionArguments { ["text"] = "one two three four five" }).AsTask().WaitAsync(Timeout);

        Assert.Equal("one two three", result);
        Assert.Equal(("one two three four five", 3), Assert.Single(_operators.Summarized));
    }

    [Fact]
    public async Task Invoke_JsonArguments_AreConverted()
    {
        var tool = await ToolAsync("samples.text.summarize");
        var arguments = System.Text.Json.JsonDocument.Parse("""{"text":"one two three","MaxWords":"2"}""").RootElement;

        var result = await tool.InvokeAsync(new AIFunctionArguments(arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()))).AsTask().WaitAsync(Timeout);

        Assert.Equal("one two", result);
    }

    [Fact]
    public async Task Invoke_MissingRequiredArgument_Fails()
    {
        var tool = await ToolAsync("samples.text.summarize");

        var exception = await Assert.ThrowsAsync<FelToolException>(() => tool.InvokeAsync(new AIFunctionArguments { ["maxWords"] = 2, ["style"] = "short" }).AsTask().WaitAsync(Timeout));

        Assert.Contains("missing required argument(s) text", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unknown argument(s) style", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_operators.Summarized);
    }

    [Fact]
    public async Task Invoke_InvalidArgument_NamesParameter()
    {
        var tool = await ToolAsync("samples.text.summarize");

        var exception = await Assert.ThrowsAsync<FelToolException>(() => tool.InvokeAsync(new AIFunctionArguments { ["text"] = "a b", ["maxWords"] = "many" }).AsTask().WaitAsync(Timeout));

        Assert.Contains("'maxWords'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"many\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_OperatorThrows_ToolErrorCarriesFitMessage()
    {
        var tool = await ToolAsync("samples.text.reject");

        var exception = await Assert.ThrowsAsync<FelToolException>(() => tool.InvokeAsync(new AIFunctionArguments { ["reason"] = "policy" }).AsTask().WaitAsync(Timeout));

        Assert.IsType<FitException>(exception.InnerException);
        Assert.Contains("samples.text.reject", exception.Message, StringComparison.Ordinal);
        Assert.Contains("rejected because policy", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_CallsOperator_ResultReachesNextModelCall()
    {
        var tools = await Source("samples.text.summarize").GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("samples_text_summarize", new Dictionary<string, object?> { ["text"] = "alpha beta gamma delta", ["maxWords"] = 2 }, "call-1")
            .Reply("The summary is alpha beta.");
        var agent = new FelAgent(client, tools);

        var result = await agent.RunAsync([new ChatMessage(ChatRole.User, "Summarize it.")]).WaitAsync(Timeout);

        Assert.Equal("The summary is alpha beta.", result.Text);
        Assert.Equal(1, result.ToolCalls);
        Assert.Equal(2, client.Requests.Count);
        Assert.Equal("samples_text_summarize", Assert.Single(client.Requests[0].Options!.Tools!).Name);
        var toolResult = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("call-1", toolResult.CallId);
        Assert.Equal("alpha beta", toolResult.Result);
    }

    [Fact]
    public async Task Agent_OperatorFails_ModelSeesFitMessage()
    {
        var tools = await Source("samples.text.reject").GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("samples_text_reject", new Dictionary<string, object?> { ["reason"] = "quota" })
            .Reply("It was rejected.");

        await new FelAgent(client, tools).RunAsync([new ChatMessage(ChatRole.User, "Try it.")]).WaitAsync(Timeout);

        var toolResult = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Contains("rejected because quota", toolResult.Result?.ToString(), StringComparison.Ordinal);
    }
}
