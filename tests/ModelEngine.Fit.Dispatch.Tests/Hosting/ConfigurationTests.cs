using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Registry;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static readonly Contracts.GenericableDescriptor Summarize = Contract("summarize", "text", "language");

    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    private static IFitClient Build(IConfiguration configuration, params LocalFitable[] fitables)
    {
        var services = new ServiceCollection();
        var fit = services.AddFit(configuration);
        fit.OnRegistry((_, registry) =>
        {
            foreach (var fitable in fitables)
            {
                registry.AddLocal(fitable);
            }
        });
        return services.BuildServiceProvider().GetRequiredService<IFitClient>();
    }

    [Theory]
    [InlineData("zh", "chinese")]
    [InlineData("ja", "japanese")]
    [InlineData("ko", "japanese")]
    [InlineData("fr-CA", "french")]
    [InlineData("en", "english")]
    public async Task Routing_FromConfiguration_AppliesRulesAndDefault(string language, string expected)
    {
        var client = Build(Config(
            ("Fit:Routing:summarize:Default", "english"),
            ("Fit:Routing:summarize:Rules:0:Argument", "language"),
            ("Fit:Routing:summarize:Rules:0:Value", "zh"),
            ("Fit:Routing:summarize:Rules:0:Fitable", "chinese"),
            ("Fit:Routing:summarize:Rules:1:Argument", "language"),
            ("Fit:Routing:summarize:Rules:1:Operator", "In"),
            ("Fit:Routing:summarize:Rules:1:Values:0", "ja"),
            ("Fit:Routing:summarize:Rules:1:Values:1", "ko"),
            ("Fit:Routing:summarize:Rules:1:Alias", "east-asia"),
            ("Fit:Routing:summarize:Rules:2:Argument", "language"),
            ("Fit:Routing:summarize:Rules:2:Operator", "prefix"),
            ("Fit:Routing:summarize:Rules:2:Value", "fr"),
            ("Fit:Routing:summarize:Rules:2:Fitable", "french")),
            Named(Summarize, "chinese"), Named(Summarize, "japanese", aliases: ["east-asia"]), Named(Summarize, "french"), Named(Summarize, "english"));

        Assert.Equal(expected, await Within(client.InvokeAsync("summarize", ["t", language])));
    }

    [Fact]
    public async Task Genericables_FromConfiguration_SetRetry()
    {
        var attempts = 0;
        var client = Build(Config(("Fit:Genericables:summarize:Retry", "2"), ("Fit:Genericables:summarize:Timeout", "00:00:05")),
            Local(Summarize, "f", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("no");
            }));

        await FailsAsync(client.InvokeAsync("summarize", ["t", "en"]));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public void Options_FromConfiguration_AreRead()
    {
        var services = new ServiceCollection();
        var fit = services.AddFit(Config(
            ("Fit:Balancing", "LeastInFlight"), ("Fit:DefaultTimeout", "00:01:00"), ("Fit:DefaultRetry", "1"), ("Fit:NodeId", "node-x"),
            ("Fit:Genericables:summarize:Timeout", "00:00:07")));

        Assert.Equal(FitBalancing.LeastInFlight, fit.Options.Balancing);
        Assert.Equal(TimeSpan.FromMinutes(1), fit.Options.DefaultTimeout);
        Assert.Equal(1, fit.Options.DefaultRetry);
        Assert.Equal("node-x", fit.Options.NodeId);
        Assert.Equal(TimeSpan.FromSeconds(7), fit.Options.Routes["summarize"].Timeout);
    }

    [Fact]
    public void UnknownKeys_ListedWithAllowedKeys()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFit(Config(
            ("Fit:DefaultRetry", "-1"),
            ("Fit:Genericables:x:Timout", "00:00:05"),
            ("Fit:Routing:x:Defualt", "a"),
            ("Fit:Routing:x:Rules:0:Argument", "language"),
            ("Fit:Routing:x:Rules:0:Value", "zh"),
            ("Fit:Routing:x:Rules:0:Fitable", "a"),
            ("Fit:Routing:x:Rules:0:Fitables", "b"))));

        Assert.Contains("Fit:DefaultRetry: '-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fit:Genericables:x:Timout is not a known setting; use Timeout or Retry.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fit:Routing:x:Defualt is not a known setting; use Default or Rules.", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "Fit:Routing:x:Rules:0:Fitables is not a known setting; use Argument, Operator, Value, Values, Fitable or Alias.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedMemoryThreshold_FromConfiguration_IsRead()
    {
        var fit = new ServiceCollection().AddFit(Config(("Fit:SharedMemoryThreshold", "1024")));

        Assert.Equal(1024, fit.Options.SharedMemoryThreshold);
    }

    [Fact]
    public void InvalidConfiguration_ListsEveryBadKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFit(Config(
            ("Fit:Balancing", "Fastest"),
            ("Fit:DefaultTimeout", "soon"),
            ("Fit:Genericables:summarize:Retry", "-1"),
            ("Fit:Routing:summarize:Default", "bad id!"),
            ("Fit:Routing:summarize:Rules:0:Operator", "Contains"),
            ("Fit:Routing:summarize:Rules:0:Value", "zh"),
            ("Fit:Routing:summarize:Rules:0:Fitable", "chinese"),
            ("Fit:Routing:summarize:Rules:1:Argument", "language"),
            ("Fit:Routing:summarize:Rules:1:Value", "zh"),
            ("Fit:Routing:summarize:Rules:1:Fitable", "a"),
            ("Fit:Routing:summarize:Rules:1:Alias", "b"),
            ("Fit:Routing:summarize:Rules:2:Argument", "language"),
            ("Fit:Routing:summarize:Rules:2:Fitable", "a"),
            ("Fit:Routing:summarize:Rules:3:Argument", "language"),
            ("Fit:Routing:summarize:Rules:3:Values:0", "a"),
            ("Fit:Routing:summarize:Rules:3:Values:1", "b"),
            ("Fit:Routing:summarize:Rules:3:Fitable", "a"),
            ("Fit:Routing:bad id:Default", "a"))));

        foreach (var key in new[]
        {
            "Fit:Balancing: 'Fastest'",
            "Fit:DefaultTimeout: 'soon'",
            "Fit:Genericables:summarize:Retry: '-1'",
            "Fit:Routing:summarize:Default: 'bad id!'",
            "Fit:Routing:summarize:Rules:0:Argument",
            "Fit:Routing:summarize:Rules:0:Operator: 'Contains'",
            "Fit:Routing:summarize:Rules:1:Fitable: a rule names either",
            "Fit:Routing:summarize:Rules:2:Value",
            "Fit:Routing:summarize:Rules:3:Values: only the In operator",
            "Fit:Routing:bad id: 'bad id'",
        })
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AddFit_RegistersCodeFitablesRulesAndClient()
    {
        var services = new ServiceCollection();
        services.AddFit()
            .AddFitable<Client.TextOps>()
            .AddFitable(new Client.HiddenEcho())
            .Route("text.upper", route => route.Timeout(TimeSpan.FromSeconds(3)));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IFitClient>();
        var registry = provider.GetRequiredService<IFitRegistry>();

        Assert.Equal("ABC", await client.Get<Client.ITextOps>().UpperAsync("abc", CancellationToken.None).WaitAsync(Patience));
        Assert.Equal("echo x", client.Get<Client.IHiddenEcho>().Echo("x"));
        Assert.Equal(FitBuilder.CodeOwner, registry.GetLocal("text.upper", "text-impl")!.Owner);
        Assert.Same(provider.GetRequiredService<Client.TextOps>(), provider.GetRequiredService<Client.TextOps>());
    }

    [Fact]
    public void AddFit_ExecutorWithoutCodec_Fails()
    {
        var services = new ServiceCollection();
        services.AddFit();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Remote.IFitRequestExecutor>());

        Assert.Contains("IFitValueCodec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFitable_NoGenericables_Rejected()
    {
        var services = new ServiceCollection();
        services.AddFit().AddFitable<ConfigurationTests>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IFitRegistry>());

        Assert.Contains(nameof(ConfigurationTests), error.Message, StringComparison.Ordinal);
    }
}
