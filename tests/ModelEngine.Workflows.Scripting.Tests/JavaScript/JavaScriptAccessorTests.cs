using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Scripting.JavaScript;
using static ModelEngine.Workflows.Scripting.Tests.TestEvaluation;

namespace ModelEngine.Workflows.Scripting.Tests.JavaScript;

public sealed class JavaScriptAccessorTests
{
    private readonly JavaScriptEvaluator _evaluator = new(Options.Create(new JavaScriptOptions()));

    [Fact]
    public async Task Evaluate_Arithmetic_ReturnsNumber()
    {
        var result = await EvaluateAsync(_evaluator, "1 + 2");

        Assert.Equal(3, result!.GetValue<long>());
    }

    [Fact]
    public async Task Evaluate_TopLevelReturn_ReturnsValue()
    {
        var result = await EvaluateAsync(_evaluator, "if (true) { return 'early'; }\nreturn 'late';");

        Assert.Equal("early", result!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluate_EmptySource_ReturnsNull()
    {
        var result = await EvaluateAsync(_evaluator, "  ");

        Assert.Null(result);
    }

    [Fact]
    public async Task VariablesObject_Read_ReturnsValue()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        var result = await EvaluateAsync(_evaluator, "variables.Amount * 2", scope);

        Assert.Equal(24, result!.GetValue<long>());
    }

    [Fact]
    public async Task VariablesObject_Assignment_WritesBack()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        await EvaluateAsync(_evaluator, "variables.Amount = 5; variables.Created = 'yes';", scope);

        Assert.True(scope.TryGetVariable("Amount", out var amount));
        Assert.Equal(5, amount!.GetValue<long>());
        Assert.True(scope.TryGetVariable("Created", out var created));
        Assert.Equal("yes", created!.GetValue<string>());
    }

    [Fact]
    public async Task VariablesObject_NestedMutation_WritesBack()
    {
        var scope = new FakeExpressionScope().WithVariable("Order", JsonNode.Parse("""{"total":1,"lines":[1]}"""));

        await EvaluateAsync(_evaluator, "variables.Order.total = 7; variables.Order.lines.push(2);", scope);

        Assert.True(scope.TryGetVariable("Order", out var order));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total":7,"lines":[1,2]}"""), order));
    }

    [Fact]
    public async Task VariablesObject_ReadOnly_WritesNothing()
    {
        var scope = new FakeExpressionScope()
            .WithVariable("Amount", 12)
            .WithVariable("Order", JsonNode.Parse("""{"total":1.5}"""));

        await EvaluateAsync(_evaluator, "variables.Amount + variables.Order.total", scope);

        Assert.Empty(scope.Writes);
    }

    [Fact]
    public async Task VariablesObject_FailedScript_WritesNothing()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        await EvaluateFailureAsync(_evaluator, "variables.Amount = 5; throw new Error('stop');", scope);

        Assert.Empty(scope.Writes);
    }

    [Fact]
    public async Task InputObject_Read_ReturnsValue()
    {
        var scope = new FakeExpressionScope();
        scope.InputValues["Customer"] = JsonNode.Parse("""{"name":"Ada"}""");

        var result = await EvaluateAsync(_evaluator, "input.Customer.name", scope);

        Assert.Equal("Ada", result!.GetValue<string>());
    }

    [Fact]
    public async Task GetVariable_KnownAndUnknown_ReturnsValueOrUndefined()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        var known = await EvaluateAsync(_evaluator, "getVariable('Amount')", scope);
        var unknown = await EvaluateAsync(_evaluator, "typeof getVariable('Missing')", scope);

        Assert.Equal(12, known!.GetValue<long>());
        Assert.Equal("undefined", unknown!.GetValue<string>());
    }

    [Fact]
    public async Task GetVariable_NonStringName_ThrowsTypeError()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "getVariable(42)");

        Assert.Contains("TypeError", exception.Message, StringComparison.Ordinal);
        Assert.Contains("getVariable expects a string", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetVariable_Call_WritesAtOnce()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);

        var result = await EvaluateAsync(_evaluator, "setVariable('Amount', { value: 3 }); variables.Amount.value", scope);

        Assert.Equal(3, result!.GetValue<long>());
        var write = Assert.Single(scope.Writes);
        Assert.Equal("Amount", write.Name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"value":3}"""), write.Value));
    }

    [Fact]
    public async Task GetInput_Call_ReturnsValue()
    {
        var scope = new FakeExpressionScope();
        scope.InputValues["Count"] = 4;

        var result = await EvaluateAsync(_evaluator, "getInput('Count') + 1", scope);

        Assert.Equal(5, result!.GetValue<long>());
    }

    [Fact]
    public async Task GeneratedAccessors_VariableAndInput_ReadAndWrite()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 12);
        scope.InputValues["Rate"] = 2;

        var result = await EvaluateAsync(_evaluator, "setAmount(getAmount() * getRate()); getAmount()", scope);

        Assert.Equal(24, result!.GetValue<long>());
        Assert.True(scope.TryGetVariable("Amount", out var amount));
        Assert.Equal(24, amount!.GetValue<long>());
    }

    [Fact]
    public async Task GeneratedAccessors_NameClash_PrefersVariable()
    {
        var scope = new FakeExpressionScope().WithVariable("Name", "from variable");
        scope.InputValues["Name"] = "from input";

        var result = await EvaluateAsync(_evaluator, "getName()", scope);

        Assert.Equal("from variable", result!.GetValue<string>());
    }

    [Fact]
    public async Task GeneratedAccessors_UndeclaredName_AreUndefined()
    {
        var result = await EvaluateAsync(_evaluator, "typeof getNothing + ',' + typeof setNothing");

        Assert.Equal("undefined,undefined", result!.GetValue<string>());
    }

    [Fact]
    public async Task GetLastResult_Call_ReturnsLastResult()
    {
        var scope = new FakeExpressionScope { LastResult = "yes" };

        var result = await EvaluateAsync(_evaluator, "getLastResult() === 'yes'", scope);

        Assert.True(result!.GetValue<bool>());
    }

    [Fact]
    public async Task GetOutputFrom_WithAndWithoutName_ReturnsOutput()
    {
        var scope = new FakeExpressionScope();
        scope.Outputs["Approval"] = new JsonObject { ["result"] = "approved", ["score"] = 9 };

        var named = await EvaluateAsync(_evaluator, "getOutputFrom('Approval', 'result')", scope);
        var whole = await EvaluateAsync(_evaluator, "getOutputFrom('Approval').score", scope);
        var unknown = await EvaluateAsync(_evaluator, "getOutputFrom('Unknown')", scope);

        Assert.Equal("approved", named!.GetValue<string>());
        Assert.Equal(9, whole!.GetValue<long>());
        Assert.Null(unknown);
    }

    [Fact]
    public async Task WorkflowIds_Calls_ReturnScopeIds()
    {
        var scope = new FakeExpressionScope { WorkflowInstanceId = "wf-7", CorrelationId = "order-42" };

        var result = await EvaluateAsync(_evaluator, "getWorkflowInstanceId() + '/' + getCorrelationId()", scope);

        Assert.Equal("wf-7/order-42", result!.GetValue<string>());
    }

    [Fact]
    public async Task GetCorrelationId_NoCorrelation_ReturnsNull()
    {
        var scope = new FakeExpressionScope { CorrelationId = null };

        var result = await EvaluateAsync(_evaluator, "getCorrelationId() === null", scope);

        Assert.True(result!.GetValue<bool>());
    }

    [Theory]
    [InlineData("isNullOrEmpty(null)", true)]
    [InlineData("isNullOrEmpty(undefined)", true)]
    [InlineData("isNullOrEmpty('')", true)]
    [InlineData("isNullOrEmpty(' ')", false)]
    [InlineData("isNullOrEmpty(0)", false)]
    [InlineData("isNullOrWhiteSpace(null)", true)]
    [InlineData("isNullOrWhiteSpace(' \\t')", true)]
    [InlineData("isNullOrWhiteSpace(' a ')", false)]
    public async Task StringChecks_Value_ReturnExpected(string source, bool expected)
    {
        var result = await EvaluateAsync(_evaluator, source);

        Assert.Equal(expected, result!.GetValue<bool>());
    }

    [Fact]
    public async Task ToJson_Object_ReturnsJsonText()
    {
        var result = await EvaluateAsync(_evaluator, "toJson({ a: 1, b: [true, null], c: 'x' })");

        Assert.Equal("""{"a":1,"b":[true,null],"c":"x"}""", result!.GetValue<string>());
    }

    [Fact]
    public async Task ParseJson_Text_ReturnsObject()
    {
        var result = await EvaluateAsync(_evaluator, """parseJson('{"a":[1,2]}').a[1]""");

        Assert.Equal(2, result!.GetValue<long>());
    }

    [Fact]
    public async Task ParseJson_InvalidText_ThrowsSyntaxError()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "parseJson('{oops')");

        Assert.Contains("SyntaxError", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewGuid_Call_ReturnsDistinctGuids()
    {
        var result = await EvaluateAsync(_evaluator, "[newGuid(), newGuid()]");

        var first = result![0]!.GetValue<string>();
        var second = result[1]!.GetValue<string>();
        Assert.True(Guid.TryParse(first, out _));
        Assert.True(Guid.TryParse(second, out _));
        Assert.NotEqual(first, second);
    }
}
