using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Scripting.JavaScript;
using ModelEngine.Workflows.Scripting.Liquid;

namespace ModelEngine.Workflows.Scripting.Tests;

public sealed class ScriptingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddModelEngineScripting_Default_RegistersBothEvaluators()
    {
        using var provider = new ServiceCollection().AddModelEngineScripting().BuildServiceProvider();

        var evaluators = provider.GetServices<IExpressionEvaluator>().ToList();

        Assert.Equal(2, evaluators.Count);
        Assert.Contains(evaluators, evaluator => evaluator is JavaScriptEvaluator { ExpressionType: "JavaScript" });
        Assert.Contains(evaluators, evaluator => evaluator is LiquidEvaluator { ExpressionType: "Liquid" });
        Assert.Same(provider.GetRequiredService<JavaScriptEvaluator>(), evaluators.OfType<JavaScriptEvaluator>().Single());
    }

    [Fact]
    public void AddModelEngineScripting_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection().AddModelEngineScripting().AddModelEngineScripting();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(2, provider.GetServices<IExpressionEvaluator>().Count());
    }

    [Fact]
    public void AddModelEngineScripting_NoConfiguration_UsesDefaults()
    {
        using var provider = new ServiceCollection().AddModelEngineScripting().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<JavaScriptOptions>>().Value;

        Assert.Equal(10, options.TimeoutSeconds);
        Assert.Equal(0, options.MaxStatements);
        Assert.Equal(256, options.MaxRecursionDepth);
        Assert.Equal(64, options.MemoryLimitMegabytes);
    }

    [Fact]
    public void AddModelEngineScripting_Configuration_BindsSection()
    {
        var configuration = BuildConfiguration(new()
        {
            ["Scripting:JavaScript:TimeoutSeconds"] = "2.5",
            ["Scripting:JavaScript:MaxStatements"] = "5000",
            ["Scripting:JavaScript:MaxRecursionDepth"] = "32",
            ["Scripting:JavaScript:MemoryLimitMegabytes"] = "16",
        });
        using var provider = new ServiceCollection().AddModelEngineScripting(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<JavaScriptOptions>>().Value;

        Assert.Equal(2.5, options.TimeoutSeconds);
        Assert.Equal(5000, options.MaxStatements);
        Assert.Equal(32, options.MaxRecursionDepth);
        Assert.Equal(16, options.MemoryLimitMegabytes);
    }

    [Theory]
    [InlineData("TimeoutSeconds")]
    [InlineData("MaxStatements")]
    [InlineData("MaxRecursionDepth")]
    [InlineData("MemoryLimitMegabytes")]
    public void AddModelEngineScripting_NegativeJavaScriptLimit_FailsNamingKey(string key)
    {
        var configuration = BuildConfiguration(new() { [$"Scripting:JavaScript:{key}"] = "-1" });
        using var provider = new ServiceCollection().AddModelEngineScripting(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<JavaScriptEvaluator>());

        Assert.Contains($"Scripting:JavaScript:{key} is -1", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxSteps")]
    [InlineData("MaxOutputSize")]
    public void AddModelEngineScripting_NegativeLiquidLimit_FailsNamingKey(string key)
    {
        var configuration = BuildConfiguration(new() { [$"Scripting:Liquid:{key}"] = "-5" });
        using var provider = new ServiceCollection().AddModelEngineScripting(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<LiquidEvaluator>());

        Assert.Contains($"Scripting:Liquid:{key} is -5", exception.Message, StringComparison.Ordinal);
    }

    private static IConfiguration BuildConfiguration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
