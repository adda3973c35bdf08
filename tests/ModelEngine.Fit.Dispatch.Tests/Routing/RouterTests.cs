using ModelEngine.Fit.Client;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Hosting;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Routing;

public sealed class RouterTests
{
    private static readonly Contracts.GenericableDescriptor Summarize = Contract("summarize", "text", "language");

    [Fact]
    public async Task Invoke_SingleFitable_CallsIt()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "only")));

        Assert.Equal("only", await Within(client.InvokeAsync("summarize", ["t", "en"])));
    }

    [Fact]
    public async Task Invoke_NoFitable_FailsWithFitableNotFound()
    {
        var client = NewClient(NewRegistry());

        var error = await FailsAsync(client.InvokeAsync("summarize", ["t", "en"]));

        Assert.Equal(FitErrorCode.FitableNotFound, error.Code);
        Assert.Contains("no fitable is registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FitableId_CallsThatFitable()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b")));

        Assert.Equal("b", await Within(client.InvokeAsync("summarize", ["t", "en"], new FitCallOptions { FitableId = "b" })));
    }

    [Fact]
    public async Task Invoke_UnknownFitableId_NamesTheRegisteredOnes()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b")));

        var error = await FailsAsync(client.InvokeAsync("summarize", ["t", "en"], new FitCallOptions { FitableId = "c" }));

        Assert.Equal(FitErrorCode.FitableNotFound, error.Code);
        Assert.Contains("fitable 'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a', 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Alias_CallsTheFitableThatCarriesIt()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a", aliases: ["slow"]), Named(Summarize, "b", aliases: ["fast", "cheap"])));

        Assert.Equal("b", await Within(client.InvokeAsync("summarize", ["t", "en"], new FitCallOptions { Alias = "cheap" })));
    }

    [Fact]
    public async Task Invoke_SeveralFitables_FailsTooMany()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b")));

        var error = await FailsAsync(client.InvokeAsync("summarize", ["t", "en"]));

        Assert.Equal(FitErrorCode.TooManyFitables, error.Code);
        Assert.Contains("'a', 'b'", error.Message, StringComparison.Ordinal);
        Assert.Equal("summarize", error.GenericableId);
    }

    [Fact]
    public async Task Invoke_DefaultFlag_ChoosesTheFlaggedFitable()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b", isDefault: true)));

        Assert.Equal("b", await Within(client.InvokeAsync("summarize", ["t", "en"])));
    }

    [Fact]
    public async Task Invoke_ConfiguredDefault_WinsOverTheFlag()
    {
        var options = new FitOptions();
        options.Route("summarize").DefaultFitableId = "a";
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b", isDefault: true)), options);

        Assert.Equal("a", await Within(client.InvokeAsync("summarize", ["t", "en"])));
    }

    [Theory]
    [InlineData("zh", "chinese")]
    [InlineData("en", "english")]
    public async Task Invoke_EqualsRule_ChoosesByArgument(string language, string expected)
    {
        var options = new FitOptions();
        RouteOf(options, "summarize").When("language", "zh").Use("chinese").Default("english");
        var client = NewClient(NewRegistry(Named(Summarize, "chinese"), Named(Summarize, "english")), options);

        Assert.Equal(expected, await Within(client.InvokeAsync("summarize", ["t", language])));
    }

    [Theory]
    [InlineData("zh-CN", "chinese")]
    [InlineData("zh-TW", "chinese")]
    [InlineData("ja", "english")]
    public async Task Invoke_InRule_ChoosesByArgument(string language, string expected)
    {
        var options = new FitOptions();
        RouteOf(options, "summarize").WhenIn("language", "zh-CN", "zh-TW").Use("chinese").Default("english");
        var client = NewClient(NewRegistry(Named(Summarize, "chinese"), Named(Summarize, "english")), options);

        Assert.Equal(expected, await Within(client.InvokeAsync("summarize", ["t", language])));
    }

    [Theory]
    [InlineData("zh-HK", "chinese")]
    [InlineData("en-zh", "english")]
    public async Task Invoke_PrefixRule_ChoosesByArgument(string language, string expected)
    {
        var options = new FitOptions();
        RouteOf(options, "summarize").WhenPrefix("language", "zh").Use("chinese").Default("english");
        var client = NewClient(NewRegistry(Named(Summarize, "chinese"), Named(Summarize, "english")), options);

        Assert.Equal(expected, await Within(client.InvokeAsync("summarize", ["t", language])));
    }

    [Fact]
    public async Task Invoke_PredicateRule_SeesArgumentsByName()
    {
        var options = new FitOptions();
        RouteOf(options, "summarize")
            .When(args => ((string)args["text"]!).Length > 10, "long text").Use("long")
            .Default("short");
        var client = NewClient(NewRegistry(Named(Summarize, "long"), Named(Summarize, "short")), options);

        Assert.Equal("long", await Within(client.InvokeAsync("summarize", ["a rather long text", "en"])));
        Assert.Equal("short", await Within(client.InvokeAsync("summarize", ["tiny", "en"])));
    }

    [Fact]
    public async Task Invoke_AliasRule_ChoosesByAlias()
    {
        var options = new FitOptions();
        RouteOf(options, "summarize").When("language", "zh").UseAlias("cjk");
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b", aliases: ["cjk"])), options);

        Assert.Equal("b", await Within(client.InvokeAsync("summarize", ["t", "zh"])));
    }

    [Fact]
    public async Task Invoke_MissingRuleTarget_NextRuleWins()
    {
        var options = new FitOptions();
        RouteOf(options, "summarize")
            .When("language", "zh").Use("missing")
            .When("language", "zh").Use("second")
            .When("language", "zh").Use("third");
        var client = NewClient(NewRegistry(Named(Summarize, "second"), Named(Summarize, "third")), options);

        Assert.Equal("second", await Within(client.InvokeAsync("summarize", ["t", "zh"])));
    }

    [Fact]
    public async Task Invoke_RuleCannotOverrideAnExplicitFitableId()
    {
        var options = new FitOptions();
        RouteOf(options, "summarize").When("language", "zh").Use("chinese");
        var client = NewClient(NewRegistry(Named(Summarize, "chinese"), Named(Summarize, "english")), options);

        Assert.Equal("english", await Within(client.InvokeAsync("summarize", ["t", "zh"], new FitCallOptions { FitableId = "english" })));
    }

    [Fact]
    public async Task Invoke_WrongArgumentCount_FailsWithBadRequest()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "only")));

        var error = await FailsAsync(client.InvokeAsync("summarize", ["t"]));

        Assert.Equal(FitErrorCode.BadRequest, error.Code);
        Assert.Contains("takes 2 arguments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_RegistryChanges_RouteIsRebuilt()
    {
        var registry = NewRegistry(Named(Summarize, "a"));
        var client = NewClient(registry);
        Assert.Equal("a", await Within(client.InvokeAsync("summarize", ["t", "en"])));

        registry.AddLocal(Named(Summarize, "b", isDefault: true));

        Assert.Equal("b", await Within(client.InvokeAsync("summarize", ["t", "en"])));
    }

    [Fact]
    public async Task FluentCall_SetsOptions()
    {
        var client = NewClient(NewRegistry(Named(Summarize, "a"), Named(Summarize, "b", aliases: ["fast"])));

        var result = await client.Route("summarize").WithAlias("fast").Timeout(TimeSpan.FromSeconds(5)).Retry(1).InvokeAsync("t", "en").AsTask().WaitAsync(Patience);

        Assert.Equal("b", result);
    }
}
