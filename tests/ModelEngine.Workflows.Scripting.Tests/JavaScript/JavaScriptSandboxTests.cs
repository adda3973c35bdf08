using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.JavaScript;
using static ModelEngine.Workflows.Scripting.Tests.TestEvaluation;

namespace ModelEngine.Workflows.Scripting.Tests.JavaScript;

public sealed class JavaScriptSandboxTests
{
    private readonly JavaScriptEvaluator _evaluator = new(Options.Create(new JavaScriptOptions()));

    [Theory]
    [InlineData("System")]
    [InlineData("importNamespace")]
    [InlineData("clrHelper")]
    [InlineData("host")]
    [InlineData("require")]
    public async Task ClrGlobals_Typeof_IsUndefined(string name)
    {
        var result = await EvaluateAsync(_evaluator, $"typeof {name}");

        Assert.Equal("undefined", result!.GetValue<string>());
    }

    [Fact]
    public async Task ClrNamespace_Access_ThrowsReferenceError()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "System.IO.File.ReadAllText('/etc/passwd')");

        Assert.Null(exception.Limit);
        Assert.Contains("ReferenceError", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportNamespace_Call_ThrowsReferenceError()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "importNamespace('System.IO')");

        Assert.Contains("ReferenceError", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostFunction_Constructor_IsNoClrBridge()
    {
        var result = await EvaluateAsync(_evaluator, "getVariable.constructor('return typeof System')()");

        Assert.Equal("undefined", result!.GetValue<string>());
    }

    [Fact]
    public async Task Globals_SecondEvaluation_DoNotLeak()
    {
        await EvaluateAsync(_evaluator, "var leaked = 1; Array.prototype.polluted = true; let lexical = 2;");

        var result = await EvaluateAsync(_evaluator, "typeof leaked + ',' + typeof [].polluted + ',' + typeof lexical");

        Assert.Equal("undefined,undefined,undefined", result!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluate_ParallelScopes_KeepsScopesApart()
    {
        var scopes = Enumerable.Range(0, 64).Select(i => new FakeExpressionScope().WithVariable("Index", i)).ToList();

        var results = await Task.WhenAll(scopes.Select(scope => EvaluateAsync(_evaluator, "variables.Index = getIndex() * 2; getIndex()", scope)))
            .WaitAsync(WaitTimeout);

        for (var i = 0; i < scopes.Count; i++)
        {
            Assert.Equal(i * 2, results[i]!.GetValue<long>());
            Assert.True(scopes[i].TryGetVariable("Index", out var index));
            Assert.True(JsonNode.DeepEquals(JsonValue.Create(i * 2), index), $"Scope {i} holds {index?.ToJsonString()}.");
        }
    }

    [Fact]
    public async Task SameSource_TwoEvaluations_ParsesOnce()
    {
        await EvaluateAsync(_evaluator, "1 + 1");
        await EvaluateAsync(_evaluator, "1 + 1");

        Assert.Equal(1, _evaluator.CachedScriptCount);
    }

    [Fact]
    public async Task RuntimeError_NullAccess_ReportsLineAndColumn()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "var a = 1;\n  null.foo");

        Assert.Null(exception.Limit);
        Assert.StartsWith("The script failed at line 2, column ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TypeError: Cannot read properties of null (reading 'foo')", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuntimeError_ThrownString_ReportsString()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "\n\n throw 'boom'");

        Assert.Equal("The script failed at line 3, column 8: boom", exception.Message);
    }

    [Fact]
    public async Task RuntimeError_HangingToString_StillReports()
    {
        var evaluator = new JavaScriptEvaluator(Options.Create(new JavaScriptOptions { TimeoutSeconds = 0.5 }));

        var exception = await EvaluateFailureAsync(evaluator, "throw { toString() { while (true) {} } }");

        Assert.Contains("toString failed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyntaxError_Evaluate_ThrowsWithPosition()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "var a = 1;\n  var = 2;");

        Assert.Equal("The script has a syntax error: Unexpected token '=' at line 2, column 7.", exception.Message);
    }

    [Theory]
    [InlineData("var = 1;", "Unexpected token '=' at line 1, column 5.")]
    [InlineData("if (x {", "Unexpected token '{' at line 1, column 7.")]
    [InlineData("'unterminated", "Invalid or unexpected token at line 1, column 1.")]
    [InlineData("let a = 1;\nlet a = 2;", "Identifier 'a' has already been declared at line 2, column 5.")]
    [InlineData("break;", "Illegal break statement at line 1, column 1.")]
    public void Validate_BrokenScript_ReturnsMessage(string source, string expected)
    {
        var message = _evaluator.Validate(new Expression(ExpressionTypes.JavaScript, source));

        Assert.Equal(expected, message);
    }

    [Theory]
    [InlineData("getLastResult() === 'yes'")]
    [InlineData("let total = 0;\nfor (const x of [1, 2]) { total += x; }\ntotal")]
    [InlineData("")]
    public void Validate_ValidScript_ReturnsNull(string source)
    {
        Assert.Null(_evaluator.Validate(new Expression(ExpressionTypes.JavaScript, source)));
    }

    [Fact]
    public void Validate_NullValue_ReturnsNull()
    {
        Assert.Null(_evaluator.Validate(new Expression(ExpressionTypes.JavaScript, (JsonNode?)null)));
    }
}
