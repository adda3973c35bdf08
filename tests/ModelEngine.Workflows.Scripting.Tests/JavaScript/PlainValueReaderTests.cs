using System.Text.Json.Nodes;
using Jint;
using ModelEngine.Workflows.Scripting.JavaScript;

namespace ModelEngine.Workflows.Scripting.Tests.JavaScript;

public sealed class PlainValueReaderTests
{
    [Theory]
    [InlineData("({ a: 1, b: ['x', null, true], c: { d: 2.5 } })", """{"a":1,"b":["x",null,true],"c":{"d":2.5}}""")]
    [InlineData("({ skipped: undefined, method() {}, kept: 0 })", """{"kept":0}""")]
    [InlineData("[1, undefined, NaN]", "[1,null,null]")]
    [InlineData("'text'", "\"text\"")]
    public void TryRead_PlainValue_Converts(string source, string expectedJson)
    {
        var engine = new Engine();
        var reader = new PlainValueReader(engine);

        var converted = reader.TryRead(engine.Evaluate(source), out var node);

        Assert.True(converted);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), node), node?.ToJsonString());
    }

    [Theory]
    [InlineData("new Date(0)")]
    [InlineData("({ when: new Date(0) })")]
    [InlineData("({ get value() { return 1; } })")]
    [InlineData("({ toJSON() { return 1; } })")]
    [InlineData("({ '1': 'index key' })")]
    [InlineData("Object.create(null)")]
    [InlineData("[, 1]")]
    [InlineData("new Proxy({}, {})")]
    [InlineData("var a = {}; a.self = a; a")]
    [InlineData("10n")]
    public void TryRead_OtherValue_LeavesToSerializer(string source)
    {
        var engine = new Engine();
        var reader = new PlainValueReader(engine);

        Assert.False(reader.TryRead(engine.Evaluate(source), out _));
    }

    [Fact]
    public void TryRead_PatchedPrototypeToJson_LeavesToSerializer()
    {
        var engine = new Engine();
        engine.Execute("Array.prototype.toJSON = function () { return 1; };");
        var reader = new PlainValueReader(engine);

        Assert.False(reader.TryRead(engine.Evaluate("({ a: 1 })"), out _));
    }
}
