using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Scripting.JavaScript;
using static ModelEngine.Workflows.Scripting.Tests.TestEvaluation;

namespace ModelEngine.Workflows.Scripting.Tests.JavaScript;

public sealed class JavaScriptJsonTests
{
    private readonly JavaScriptEvaluator _evaluator = new(Options.Create(new JavaScriptOptions()));

    [Theory]
    [InlineData("""{"name":"Ada","tags":["a","b"],"nested":{"ok":true,"none":null}}""")]
    [InlineData("""[1,-2,3.25,1e21,"text",false,null,[],{}]""")]
    [InlineData("""{"unicode":"héllo ✓","quote":"a \"b\"","empty":""}""")]
    [InlineData("42")]
    [InlineData("-0.5")]
    [InlineData("\"plain\"")]
    [InlineData("true")]
    public async Task Variable_RoundTrip_KeepsJson(string json)
    {
        var original = JsonNode.Parse(json);
        var scope = new FakeExpressionScope().WithVariable("Data", original);

        var result = await EvaluateAsync(_evaluator, "variables.Data", scope);

        Assert.True(JsonNode.DeepEquals(original, result), $"Expected {json}, got {result?.ToJsonString()}.");
    }

    [Fact]
    public async Task Variable_ClrBackedValues_ConvertToJavaScript()
    {
        var id = Guid.NewGuid();
        var scope = new FakeExpressionScope()
            .WithVariable("Id", JsonValue.Create(id))
            .WithVariable("Count", JsonValue.Create(7))
            .WithVariable("Price", JsonValue.Create(2.5m));

        var result = await EvaluateAsync(_evaluator, "[typeof getId(), getId(), getCount() + 1, getPrice() * 2]", scope);

        Assert.Equal("string", result![0]!.GetValue<string>());
        Assert.Equal(id.ToString(), result[1]!.GetValue<string>());
        Assert.Equal(8, result[2]!.GetValue<long>());
        Assert.Equal(5, result[3]!.GetValue<long>());
    }

    [Fact]
    public async Task Variable_ProtoKey_StaysOwnProperty()
    {
        var scope = new FakeExpressionScope().WithVariable("Body", JsonNode.Parse("""{"__proto__":{"admin":true}}"""));

        var result = await EvaluateAsync(_evaluator, "[getBody().admin === undefined, Object.keys(getBody()).join()]", scope);

        Assert.True(result![0]!.GetValue<bool>());
        Assert.Equal("__proto__", result[1]!.GetValue<string>());
    }

    [Fact]
    public async Task Result_ObjectLiteral_ReturnsJsonObject()
    {
        var result = await EvaluateAsync(_evaluator, "({ amount: 10.5, items: [1, 'two', null], when: new Date(0), skip: undefined, fn() {} })");

        var expected = JsonNode.Parse("""{"amount":10.5,"items":[1,"two",null],"when":"1970-01-01T00:00:00.000Z"}""");
        Assert.True(JsonNode.DeepEquals(expected, result), result?.ToJsonString());
    }

    [Theory]
    [InlineData("({ b: 1, a: [1, 'x', null, true], c: { d: -0.5, e: 1e21, z: -0 } })")]
    [InlineData("({ f() {}, u: undefined, n: NaN, s: 'héllo ✓' })")]
    [InlineData("[1, undefined, NaN, Infinity, [[]], {}]")]
    [InlineData("({ '1': 'a', b: 2, '0': 'z' })")]
    [InlineData("Object.assign(Object.create(null), { a: 1 })")]
    [InlineData("({ a: { toJSON() { return 5; } } })")]
    [InlineData("({ when: new Date(86400000), re: /x/g, m: new Map([[1, 2]]) })")]
    [InlineData("[, 1]")]
    [InlineData("[function () {}, Symbol('s')]")]
    [InlineData("Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })")]
    [InlineData("({ get computed() { return 3; } })")]
    [InlineData("(function () { var deep = 1; for (var i = 0; i < 40; i++) deep = { next: deep }; return deep; })()")]
    [InlineData("new (class Point { constructor() { this.x = 1; } })()")]
    public async Task Result_AnyShape_MatchesJsonStringify(string value)
    {
        var result = await EvaluateAsync(_evaluator, $"var value = {value}; [value, JSON.stringify(value)]");

        var expected = JsonNode.Parse(result![1]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(expected, result[0]), $"Expected {expected?.ToJsonString()}, got {result[0]?.ToJsonString()}.");
    }

    [Fact]
    public async Task Result_ObjectPrototypeToJson_IsHonoured()
    {
        var result = await EvaluateAsync(_evaluator, "Object.prototype.toJSON = function () { return 'patched'; }; ({ a: 1 })");

        Assert.Equal("patched", result!.GetValue<string>());
    }

    [Fact]
    public async Task VariablesObject_WithDate_WritesBackThroughSerializer()
    {
        var scope = new FakeExpressionScope().WithVariable("Amount", 1);

        await EvaluateAsync(_evaluator, "variables.When = new Date(0); variables.Amount", scope);

        var write = Assert.Single(scope.Writes);
        Assert.Equal("When", write.Name);
        Assert.Equal("1970-01-01T00:00:00.000Z", write.Value!.GetValue<string>());
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("NaN")]
    [InlineData("1 / 0")]
    [InlineData("(function () {})")]
    public async Task Result_NoJsonValue_ReturnsNull(string source)
    {
        var result = await EvaluateAsync(_evaluator, source);

        Assert.Null(result);
    }

    [Fact]
    public async Task Result_WholeNumber_IsInteger()
    {
        var result = await EvaluateAsync(_evaluator, "6 / 2");

        Assert.Equal(3, result!.GetValue<long>());
        Assert.Equal("3", result.ToJsonString());
    }

    [Fact]
    public async Task Result_ToJsonMethod_IsHonoured()
    {
        var result = await EvaluateAsync(_evaluator, "({ toJSON() { return { replaced: true }; } })");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"replaced":true}"""), result));
    }

    [Fact]
    public async Task Result_Cycle_Throws()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "var a = {}; a.self = a; a");

        Assert.Contains("TypeError", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_BigInt_Throws()
    {
        var exception = await EvaluateFailureAsync(_evaluator, "10n");

        Assert.Contains("BigInt", exception.Message, StringComparison.Ordinal);
    }
}
