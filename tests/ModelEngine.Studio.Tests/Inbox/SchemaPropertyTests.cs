using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Inbox.Forms;

namespace ModelEngine.Studio.Tests.Inbox;

public sealed class SchemaPropertyTests
{
    public static TheoryData<string, SchemaFieldKind> Kinds() => new()
    {
        { """{ "type": "string" }""", SchemaFieldKind.Text },
        { """{ "type": "string", "maxLength": 201 }""", SchemaFieldKind.MultilineText },
        { """{ "type": "string", "maxLength": 200 }""", SchemaFieldKind.Text },
        { """{ "type": "string", "enum": [ "EU", "US" ] }""", SchemaFieldKind.Select },
        { """{ "type": "string", "format": "date" }""", SchemaFieldKind.Date },
        { """{ "type": "string", "format": "date-time" }""", SchemaFieldKind.DateTime },
        { """{ "type": "number" }""", SchemaFieldKind.Number },
        { """{ "type": "integer" }""", SchemaFieldKind.Integer },
        { """{ "type": "boolean" }""", SchemaFieldKind.Boolean },
        { """{ "type": "array", "items": { "type": "string" } }""", SchemaFieldKind.StringList },
        { """{ "type": "array", "items": { "type": "number" } }""", SchemaFieldKind.Unsupported },
        { """{ "type": "object" }""", SchemaFieldKind.Unsupported },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Read_PicksTheInputKind(string propertySchema, SchemaFieldKind expected)
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["field"] = JsonNode.Parse(propertySchema) } };

        var property = Assert.Single(SchemaProperty.Read(schema, null));

        Assert.Equal(expected, property.Kind);
    }

    [Fact]
    public void Read_UsesTheTextareaHint()
    {
        var schema = new JsonObject { ["properties"] = new JsonObject { ["reason"] = new JsonObject { ["type"] = "string" } } };
        var uiSchema = new JsonObject { ["reason"] = new JsonObject { ["ui:widget"] = "textarea" } };

        var property = Assert.Single(SchemaProperty.Read(schema, uiSchema));

        Assert.Equal(SchemaFieldKind.MultilineText, property.Kind);
    }

    [Fact]
    public void Read_MarksRequiredProperties()
    {
        var schema = JsonNode.Parse("""{ "required": [ "b" ], "properties": { "a": { "type": "string" }, "b": { "type": "string", "title": "Bee" } } }""")!.AsObject();

        var properties = SchemaProperty.Read(schema, null);

        Assert.False(properties[0].Required);
        Assert.True(properties[1].Required);
        Assert.Equal("Bee", properties[1].Label);
        Assert.Equal("a", properties[0].Label);
    }
}
