using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Tests;

public sealed class JsonOutputParserTests
{
    [Theory]
    [InlineData("{\"a\": 1}")]
    [InlineData("```json\n{\"a\": 1}\n```")]
    [InlineData("```\n{\"a\": 1}\n```")]
    [InlineData("Sure! Here is the result:\n```json\n{\"a\": 1}\n```\nLet me know if you need more.")]
    [InlineData("The answer is {\"a\": 1} as requested.")]
    [InlineData("Note {this is not json}, the answer: {\"a\": 1}")]
    [InlineData("{\"a\": 1,}")]
    public void Parse_WrappedObject_FindsValue(string output)
    {
        var node = JsonOutputParser.Parse(output);

        Assert.Equal(1, node!["a"]!.GetValue<int>());
    }

    [Fact]
    public void Parse_BracesInStrings_Balanced()
    {
        var node = JsonOutputParser.Parse("Result: {\"text\": \"a } and { b\", \"n\": [1, {\"x\": \"]\"}]} done");

        Assert.Equal("a } and { b", node!["text"]!.GetValue<string>());
        Assert.Equal("]", node["n"]![1]!["x"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_TopLevelArray_Parses()
    {
        var node = JsonOutputParser.Parse("Items:\n[1, 2, 3]");

        Assert.Equal(3, node!.AsArray().Count);
    }

    [Fact]
    public void Parse_BareScalar_Parses()
    {
        Assert.Equal(42, JsonOutputParser.Parse(" 42 ")!.GetValue<int>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("No JSON here at all.")]
    [InlineData("{\"a\": 1")]
    public void Parse_NoValue_ThrowsParseException(string output)
    {
        var error = Assert.Throws<FelParseException>(() => JsonOutputParser.Parse(output));

        Assert.Equal("json", Assert.Single(error.Errors).Rule);
        Assert.Equal(output, error.Output);
    }

    [Fact]
    public void ParseTyped_WrongShape_NamesPath()
    {
        var error = Assert.Throws<FelParseException>(() => JsonOutputParser.Parse<Order>("{\"id\": \"seven\"}"));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("deserialize", failure.Rule);
        Assert.Equal("/id", failure.Path);
    }

    [Fact]
    public void ParseTyped_Fenced_Deserializes()
    {
        var order = JsonOutputParser.Parse<Order>("```json\n{\"id\": 7, \"customer\": \"Ada\"}\n```");

        Assert.Equal(new Order(7, "Ada"), order);
    }

    private sealed record Order(int Id, string? Customer);
}
