using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Tests;

public sealed class PartialJsonParserTests
{
    [Theory]
    [InlineData("{\"name\": \"Ad", "{\"name\":\"Ad\"}")]
    [InlineData("{\"name\": \"Ada\", \"tags\": [\"a\", \"b", "{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]}")]
    [InlineData("{\"name\": \"Ada\", \"age\":", "{\"name\":\"Ada\",\"age\":null}")]
    [InlineData("{\"name\": \"Ada\", \"ag", "{\"name\":\"Ada\"}")]
    [InlineData("{\"name\": \"Ada\", \"ok\": tr", "{\"name\":\"Ada\"}")]
    [InlineData("{\"a\": {\"b\": [1, 2", "{\"a\":{\"b\":[1,2]}}")]
    [InlineData("{\"a\": 1,", "{\"a\":1}")]
    [InlineData("[{\"a\": 1}, {\"b\"", "[{\"a\":1},{}]")]
    [InlineData("{\"s\": \"line\\", "{\"s\":\"line\"}")]
    [InlineData("{\"s\": \"x\\u00", "{\"s\":\"x\"}")]
    [InlineData("```json\n{\"a\": [1", "{\"a\":[1]}")]
    [InlineData("Here you go: {\"a\": \"b\"}", "{\"a\":\"b\"}")]
    [InlineData("{\"a\": 1} trailing prose {", "{\"a\":1}")]
    public void Parse_Prefix_BestValue(string prefix, string expected)
    {
        var node = PartialJsonParser.Parse(prefix);

        Assert.Equal(expected, node?.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Thinking about it")]
    [InlineData("```json")]
    public void Parse_NoValueYet_ReturnsNull(string? prefix)
    {
        Assert.Null(PartialJsonParser.Parse(prefix));
    }

    [Fact]
    public void Parse_EveryPrefix_NeverThrows()
    {
        const string full = "```json\n{\"order\": {\"id\": 7, \"lines\": [{\"sku\": \"A-1\", \"qty\": 2.5, \"note\": \"say \\\"hi\\\" \\u00e9\"}], \"paid\": true, \"ref\": null}}\n```";
        JsonNode? last = null;
        for (var length = 0; length <= full.Length; length++)
        {
            last = PartialJsonParser.Parse(full[..length]) ?? last;
        }

        Assert.Equal(7, last!["order"]!["id"]!.GetValue<int>());
        Assert.True(last["order"]!["paid"]!.GetValue<bool>());
        Assert.Equal("say \"hi\" é", last["order"]!["lines"]![0]!["note"]!.GetValue<string>());
    }

    [Fact]
    public void StreamingParser_Chunks_GrowValue()
    {
        var parser = new StreamingJsonParser();

        var first = parser.Append("{\"title\": \"Ref");
        var second = parser.Append("und\", \"items\": [1");
        var third = parser.Append(", 2]}");

        Assert.Equal("Ref", first!["title"]!.GetValue<string>());
        Assert.Equal("Refund", second!["title"]!.GetValue<string>());
        Assert.Equal("{\"title\":\"Refund\",\"items\":[1,2]}", third!.ToJsonString());
        Assert.Equal("{\"title\": \"Refund\", \"items\": [1, 2]}", parser.Text);
    }
}
