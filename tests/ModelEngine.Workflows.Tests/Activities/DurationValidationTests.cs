using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

/// <summary>Durations that can never work are rejected at publish, with the activity, the input and the value named.</summary>
public sealed class DurationValidationTests
{
    [Theory]
    [InlineData("Elsa.Delay", "timeSpan", "-00:00:05", "negative")]
    [InlineData("Elsa.Delay", "timeSpan", "-PT5S", "negative")]
    [InlineData("Elsa.Timer", "interval", "00:00:00", "greater than zero")]
    [InlineData("Elsa.Timer", "interval", "-PT1M", "greater than zero")]
    [InlineData("ModelEngine.UserTask", "dueIn", "-PT1H", "positive duration")]
    public async Task Publish_BadDuration_NamesInputAndValue(string type, string input, string value, string hint)
    {
        using var engine = new EngineHarness();
        var activity = type == "ModelEngine.UserTask"
            ? Activity("wait", type, ("title", Literal("Approve", "String")), (input, Literal(value, "TimeSpan")))
            : Activity("wait", type, (input, Literal(value, "TimeSpan")));

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(
            Array(Activity("start", "Elsa.Start"), activity),
            Array(Connect("start", "wait"))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("wait", problem.ActivityId);
        Assert.Equal(input, problem.Property);
        Assert.Equal(ValueConverter.ParseDuration(value).ToString(), problem.Value);
        Assert.Contains(hint, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:05", -5)]
    [InlineData("-PT5S", -5)]
    [InlineData("PT5S", 5)]
    [InlineData("00:00:05", 5)]
    public void ParseDuration_ReadsBothForms(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ValueConverter.ParseDuration(text));
    }
}
