using System.Text.Json.Nodes;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Workflows.Activities;
using ModelEngine.Fit.Workflows.Tests.Support;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fit.Workflows.Tests.Activities;

public sealed class InvokeOperatorTests
{
    private const string Summarize = "samples.text.summarize";

    private static JsonArray SummaryVariable() =>
        Array(new JsonObject { ["id"] = "summary", ["name"] = "summary", ["typeName"] = "Object" });

    /// <summary>Publishes start → call → SetOutput("summary", the variable the call stored its result in).</summary>
    private static async Task<string> PublishCallAsync(OperatorEngine engine, JsonNode? arguments, params (string Name, JsonNode? Value)[] extra)
    {
        var call = Activity("call", InvokeOperator.TypeName, [("genericableId", Literal(Summarize, "String")), ("arguments", arguments), .. extra]);
        call["result"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "summary" } };
        var output = Activity("out", "Elsa.SetOutput", ("outputName", Literal("summary", "String")), ("outputValue", Expr("JavaScript", "variables.summary")));
        return await engine.PublishAsync(Array(call, output), Array(Connect("call", "out")), SummaryVariable());
    }

    private static GenericableDescriptor SummarizeContract() => new()
    {
        Id = Summarize,
        Parameters = [new FitParameter("text", FitValueType.String, typeof(string)), new FitParameter("language", FitValueType.String, typeof(string))],
        ResultType = FitValueType.String,
        ResultClrType = typeof(string),
    };

    private static string Incidents(WorkflowInstanceView instance) => string.Join("; ", instance.Incidents.Select(incident => incident.Message));

    [Fact]
    public async Task PositionalArguments_ResultStoredInVariable()
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (call, _) => ValueTask.FromResult<object?>($"summary of {call.Arguments[0]} in {call.Arguments[1]}");
        var id = await PublishCallAsync(engine, Expr("JavaScript", "[getInput('text'), 'en']"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["text"] = "a long story" });

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("summary of a long story in en", instance.Variables["summary"]!.GetValue<string>());
        Assert.Equal("summary of a long story in en", instance.Output["summary"]!.GetValue<string>());
        var call = Assert.Single(engine.Client.Calls);
        Assert.Equal(Summarize, call.GenericableId);
        Assert.Equal(["a long story", "en"], call.Arguments);
        Assert.Contains(await engine.JournalAsync(instance.Summary.Id), entry => entry.EventName == InvokeOperator.InvokedEvent);
    }

    [Fact]
    public async Task NamedArguments_PutInParameterOrderByContract()
    {
        using var engine = new OperatorEngine();
        engine.Registry.AddGenericable(SummarizeContract());
        engine.Client.Handler = (_, _) => ValueTask.FromResult<object?>("摘要");
        var id = await PublishCallAsync(engine, Expr("JavaScript", "({ language: 'zh', text: getInput('text') })"));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["text"] = "一个很长的故事" });

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        Assert.Equal("摘要", instance.Output["summary"]!.GetValue<string>());
        Assert.Equal(["一个很长的故事", "zh"], Assert.Single(engine.Client.Calls).Arguments);
    }

    [Fact]
    public async Task RoutingInputs_ReachCallOptions()
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (_, _) => ValueTask.FromResult<object?>(new { words = 3, text = "short" });
        var id = await PublishCallAsync(
            engine,
            Wrapped("Json", JsonValue.Create("[\"text\", \"zh\"]")),
            ("fitableId", Literal("summarize-zh", "String")),
            ("alias", Literal("fast", "String")),
            ("timeout", Literal("PT5S", "TimeSpan")),
            ("retry", Literal(2, "Int32")));

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        var options = Assert.Single(engine.Client.Calls).Options!;
        Assert.Equal("summarize-zh", options.FitableId);
        Assert.Equal("fast", options.Alias);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(2, options.Retry);
        Assert.Equal("3", instance.Output["summary"]!["words"]!.ToJsonString());
    }

    [Fact]
    public async Task NamedArguments_WithoutContract_IncidentAsksForArray()
    {
        using var engine = new OperatorEngine();
        var id = await PublishCallAsync(engine, Expr("JavaScript", "({ text: 'x', language: 'en' })"));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("call", incident.ActivityId);
        Assert.Contains(Summarize, incident.Message, StringComparison.Ordinal);
        Assert.Contains("JSON array", incident.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Client.Calls);
    }

    [Fact]
    public async Task NamedArguments_MissingParameter_IncidentNamesIt()
    {
        using var engine = new OperatorEngine();
        engine.Registry.AddGenericable(SummarizeContract());
        var id = await PublishCallAsync(engine, Expr("JavaScript", "({ text: 'x', lang: 'en' })"));

        var instance = await engine.ExecuteAsync(id);

        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("missing language", incident.Message, StringComparison.Ordinal);
        Assert.Contains("unknown lang", incident.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Client.Calls);
    }

    [Fact]
    public async Task FailedCall_BecomesIncident()
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (call, _) => throw new FitException(FitErrorCode.Faulted, "The summarizer ran out of tokens.")
        {
            GenericableId = call.GenericableId,
            FitableId = "summarize-en",
            WorkerId = "worker-7",
            RemoteErrorType = "System.InvalidOperationException",
        };
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text', 'en']"));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("call", incident.ActivityId);
        Assert.Equal(InvokeOperator.TypeName, incident.ActivityType);
        Assert.Contains($"genericable '{Summarize}'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("fitable 'summarize-en'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("worker 'worker-7'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Faulted (System.InvalidOperationException): The summarizer ran out of tokens.", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("summary", instance.Output.Select(pair => pair.Key));
    }

    [Fact]
    public async Task FailedCall_NamesRequestedFitable()
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (_, _) => throw new FitException(FitErrorCode.FitableNotFound, "No fitable 'summarize-fr' is known.");
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text', 'fr']"), ("fitableId", Literal("summarize-fr", "String")));

        var instance = await engine.ExecuteAsync(id);

        var incident = Assert.Single(instance.Incidents);
        Assert.Contains("fitable 'summarize-fr'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("FitableNotFound", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoClient_BecomesIncident()
    {
        using var engine = new OperatorEngine(withClient: false);
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text', 'en']"));

        var instance = await engine.ExecuteAsync(id);

        Assert.Contains("FIT is not set up", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceCancelled_CancelsCallInFlight()
    {
        using var engine = new OperatorEngine();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Client.Handler = async (_, cancellationToken) =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                observed.SetResult();
                throw;
            }

            return null;
        };
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text', 'en']"));
        using var cancellation = new CancellationTokenSource();

        var run = engine.ExecuteAsync(id, cancellationToken: cancellation.Token);
        await entered.Task.WaitAsync(OperatorEngine.Timeout);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await observed.Task.WaitAsync(OperatorEngine.Timeout);
    }

    [Fact]
    public async Task ForeignCancellation_BecomesIncident()
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (_, _) => throw new OperationCanceledException("The transport gave up.");
        var id = await PublishCallAsync(engine, Expr("JavaScript", "['text', 'en']"));

        var instance = await engine.ExecuteAsync(id);

        Assert.Contains("The transport gave up.", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_MissingGenericableId_Refused()
    {
        using var engine = new OperatorEngine();
        var call = Activity("call", InvokeOperator.TypeName, ("arguments", Expr("JavaScript", "[]")));

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(Array(call), []));

        Assert.Contains(error.Errors, e => e.ActivityId == "call" && e.Property == "genericableId");
    }

    [Fact]
    public async Task Publish_InvalidLiterals_Refused()
    {
        using var engine = new OperatorEngine();
        var call = Activity("call", InvokeOperator.TypeName, ("genericableId", Literal("  ", "String")), ("retry", Literal(-1, "Int32")), ("timeout", Literal("-00:00:05", "TimeSpan")));

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(Array(call), []));

        Assert.Contains(error.Errors, e => e.ActivityId == "call" && e.Property == "genericableId");
        Assert.Contains(error.Errors, e => e.ActivityId == "call" && e.Property == "retry");
        Assert.Contains(error.Errors, e => e.ActivityId == "call" && e.Property == "timeout");
    }

    [Theory]
    [InlineData("en", "summarize-en")]
    [InlineData("zh", "summarize-zh")]
    public async Task SampleDefinition_ImportsAndStoresSummaryInOutput(string language, string fitableId)
    {
        using var engine = new OperatorEngine();
        engine.Client.Handler = (call, _) => ValueTask.FromResult<object?>($"[{call.Options!.FitableId}] {call.Arguments[0]}");
        var model = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "operator-summarize.json")))!;

        var saved = await engine.Definitions.SaveAsync(model, publish: true, "dave").WaitAsync(OperatorEngine.Timeout);
        var instance = await engine.ExecuteAsync(saved.Definition.DefinitionId, new JsonObject { ["text"] = "The quick brown fox.", ["language"] = language });

        Assert.True(instance.Incidents.Count == 0, Incidents(instance));
        Assert.Equal($"[{fitableId}] The quick brown fox.", instance.Output["summary"]!.GetValue<string>());
        var call = Assert.Single(engine.Client.Calls);
        Assert.Equal("samples.text.summarize", call.GenericableId);
        Assert.Equal(["The quick brown fox.", language], call.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(30), call.Options!.Timeout);
    }
}
