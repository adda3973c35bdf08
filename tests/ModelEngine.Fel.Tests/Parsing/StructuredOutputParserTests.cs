using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Tests;

public sealed class StructuredOutputParserTests
{
    private const string TicketSchema = """
        {
          "type": "object",
          "properties": {
            "category": { "type": "string", "enum": ["billing", "shipping", "other"] },
            "priority": { "type": "integer", "minimum": 1, "maximum": 5 },
            "summary": { "type": "string" }
          },
          "required": ["category", "priority"]
        }
        """;

    [Fact]
    public void Parse_Valid_ReturnsNode()
    {
        var parser = new StructuredOutputParser(TicketSchema);

        var node = parser.Parse("```json\n{\"category\": \"billing\", \"priority\": 2}\n```");

        Assert.Equal("billing", node!["category"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Invalid_NamesEachPathValueRule()
    {
        var parser = new StructuredOutputParser(TicketSchema);

        var error = Assert.Throws<FelParseException>(() => parser.Parse("{\"category\": \"refund\", \"priority\": 9}"));

        var category = Assert.Single(error.Errors, e => e.Path == "/category");
        Assert.Equal("enum", category.Rule);
        Assert.Equal("\"refund\"", category.Value);
        var priority = Assert.Single(error.Errors, e => e.Path == "/priority");
        Assert.Equal("maximum", priority.Rule);
        Assert.Equal("9", priority.Value);
        Assert.Contains("/category", error.Message);
        Assert.Contains("/priority", error.Message);
    }

    [Fact]
    public void Parse_MissingRequired_NamesRule()
    {
        var parser = new StructuredOutputParser(TicketSchema);

        var error = Assert.Throws<FelParseException>(() => parser.Parse("{\"category\": \"other\"}"));

        var required = Assert.Single(error.Errors, e => e.Rule == "required");
        Assert.Equal(string.Empty, required.Path);
        Assert.Contains("priority", required.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesType()
    {
        var parser = new StructuredOutputParser(TicketSchema);

        var error = Assert.Throws<FelParseException>(() => parser.Parse("{\"category\": \"other\", \"priority\": \"high\"}"));

        Assert.Contains(error.Errors, e => e.Path == "/priority" && e.Rule == "type" && e.Value == "\"high\"");
    }

    [Fact]
    public void Constructor_InvalidSchemaJson_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StructuredOutputParser("{not json"));
    }

    [Fact]
    public void ParseTyped_FromType_Deserializes()
    {
        var parser = StructuredOutputParser.For<Ticket>();

        var ticket = parser.Parse<Ticket>("Here: {\"category\": \"shipping\", \"priority\": 3}");

        Assert.Equal(new Ticket("shipping", 3), ticket);
        Assert.Equal("object", parser.Schema["type"]!.GetValue<string>());
    }

    [Fact]
    public void FormatInstructions_ContainSchema()
    {
        var parser = new StructuredOutputParser(TicketSchema);

        var instructions = parser.FormatInstructions;

        Assert.Contains("JSON Schema", instructions);
        Assert.Contains("\"required\"", instructions);
        Assert.Contains("\"billing\"", instructions);
        Assert.NotNull(JsonNode.Parse(instructions[instructions.IndexOf('{')..]));
    }

    private sealed record Ticket(string Category, int Priority);
}
