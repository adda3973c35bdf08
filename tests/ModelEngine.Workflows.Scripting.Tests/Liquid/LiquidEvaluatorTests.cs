using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.Liquid;
using static ModelEngine.Workflows.Scripting.Tests.TestEvaluation;

namespace ModelEngine.Workflows.Scripting.Tests.Liquid;

public sealed class LiquidEvaluatorTests
{
    private readonly LiquidEvaluator _evaluator = new(Options.Create(new LiquidOptions()));

    [Fact]
    public async Task Render_Variable_InsertsValue()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        var result = await RenderAsync("Approved {{ Variables.Amount }}", scope);

        Assert.Equal("Approved 12", result);
    }

    [Fact]
    public async Task Render_NestedVariableAndLoop_InsertsValues()
    {
        var scope = new FakeExpressionScope().WithVariable("Order", JsonNode.Parse("""{"customer":{"name":"Ada"},"lines":[1,2]}"""));

        var result = await RenderAsync(
            "{{ Variables.Order.customer.name }}:{% for line in Variables.Order.lines %}[{{ line | plus: 1 }}]{% endfor %}",
            scope);

        Assert.Equal("Ada:[2][3]", result);
    }

    [Fact]
    public async Task Render_InputWorkflowAndLastResult_InsertsValues()
    {
        var scope = new FakeExpressionScope { WorkflowInstanceId = "wf-1", CorrelationId = "order-9", LastResult = "yes" };
        scope.InputValues["Customer"] = "Ada";

        var result = await RenderAsync(
            "{{ Input.Customer }}|{{ Workflow.InstanceId }}|{{ Workflow.CorrelationId }}|{{ LastResult }}",
            scope);

        Assert.Equal("Ada|wf-1|order-9|yes", result);
    }

    [Fact]
    public async Task Render_MissingValue_RendersEmpty()
    {
        var result = await RenderAsync("[{{ Variables.Missing }}][{{ Input.Missing }}]");

        Assert.Equal("[][]", result);
    }

    [Fact]
    public async Task Render_MarkupCharacters_AreNotEncoded()
    {
        var scope = new FakeExpressionScope().WithVariable("Name", "A & <B>");

        var result = await RenderAsync("{{ Variables.Name }}", scope);

        Assert.Equal("A & <B>", result);
    }

    [Fact]
    public async Task Render_BrokenTemplate_Throws()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "Hello {{ Variables.Name ");

        Assert.StartsWith("The Liquid template has a syntax error: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'}}' was expected", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxSteps_LongLoop_ThrowsStepLimit()
    {
        var evaluator = new LiquidEvaluator(Options.Create(new LiquidOptions { MaxSteps = 1000 }));

        var exception = await EvaluateFailureAsync(evaluator, "{% for i in (1..1000000) %}{% endfor %}");

        Assert.Equal("MaxSteps", exception.Limit);
        Assert.Equal("The template took more than the 1000 step limit (Scripting:Liquid:MaxSteps).", exception.Message);
    }

    [Fact]
    public async Task MaxOutputSize_LongOutput_ThrowsOutputLimit()
    {
        var evaluator = new LiquidEvaluator(Options.Create(new LiquidOptions { MaxOutputSize = 100 }));

        var exception = await EvaluateFailureAsync(evaluator, "{% for i in (1..50) %}xxxxxxxx{% endfor %}");

        Assert.Equal("MaxOutputSize", exception.Limit);
        Assert.Equal("The template rendered more than the 100 character limit (Scripting:Liquid:MaxOutputSize).", exception.Message);
    }

    [Fact]
    public async Task Render_RuntimeError_ThrowsEvaluationError()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "{{ 1 | divided_by: 0 }}");

        Assert.Null(exception.Limit);
        Assert.StartsWith("The Liquid template failed to render: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello {{ Variables.Name ", "End of tag '}}' was expected at (1:24)")]
    [InlineData("{% if x %} no end", "'{% endif %}' was expected at (1:18)")]
    [InlineData("{% bogus %}", "Unknown tag 'bogus' at (1:9)")]
    public void Validate_BrokenTemplate_ReturnsParserMessage(string source, string expected)
    {
        var message = _evaluator.Validate(new Expression(ExpressionTypes.Liquid, source));

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Validate_ValidTemplate_ReturnsNull()
    {
        Assert.Null(_evaluator.Validate(new Expression(ExpressionTypes.Liquid, "Approved {{ Variables.Amount }}")));
    }

    private async Task<string> RenderAsync(string source, FakeExpressionScope? scope = null) =>
        Assert.IsType<string>(await EvaluateObjectAsync(_evaluator, source, scope));
}
