using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Fel.Tools.Tests.Support;

namespace ModelEngine.Fel.Tools.Tests.Schemas;

public sealed class ToolSchemasTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonObject Normalize(string json) => (JsonObject)JsonNode.Parse(ToolSchemas.Normalize(Parse(json)).GetRawText())!;

    [Fact]
    public void MetaSchema_RejectsBooleanRequired()
    {
        // The check the other tests rely on must be able to fail.
        var errors = MetaSchema.Errors(Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":true}"""));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void MetaSchema_RejectsScalarExamples()
    {
        var errors = MetaSchema.Errors(Parse("""{"type":"string","examples":"Paris"}"""));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Normalize_PropertyRequiredTrue_MovesToParentArray()
    {
        var schema = Normalize("""{"type":"object","properties":{"city":{"type":"string","required":true},"unit":{"type":"string","required":false}}}""");

        Assert.Equal(["city"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(schema["properties"]!["city"]!.AsObject().ContainsKey("required"));
        Assert.False(schema["properties"]!["unit"]!.AsObject().ContainsKey("required"));
        MetaSchema.AssertValid(ToolSchemas.Normalize(Parse(schema.ToJsonString())));
    }

    [Fact]
    public void Normalize_RequiredString_BecomesArray()
    {
        var schema = Normalize("""{"type":"object","properties":{"a":{}},"required":"a"}""");

        Assert.Equal(["a"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Normalize_RequiredDuplicatesAndNonStrings_AreDropped()
    {
        var schema = Normalize("""{"type":"object","properties":{"a":{},"b":{}},"required":["a",1,null,"a","b"]}""");

        Assert.Equal(["a", "b"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Normalize_EmptyRequired_IsRemoved()
    {
        var schema = Normalize("""{"type":"object","properties":{"a":{}},"required":[]}""");

        Assert.False(schema.ContainsKey("required"));
    }

    [Fact]
    public void Normalize_ScalarExamples_AreWrapped()
    {
        var schema = Normalize("""{"type":"object","properties":{"city":{"type":"string","examples":"Paris"},"count":{"type":"integer","examples":3}},"examples":{"city":"Rome"}}""");

        Assert.Equal("Paris", schema["properties"]!["city"]!["examples"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal(3, schema["properties"]!["count"]!["examples"]!.AsArray().Single()!.GetValue<int>());
        Assert.Equal("Rome", schema["examples"]!.AsArray().Single()!["city"]!.GetValue<string>());
        MetaSchema.AssertValid(JsonSerializer.SerializeToElement(schema));
    }

    [Fact]
    public void Normalize_ArrayExamples_StayAsTheyAre()
    {
        var schema = Normalize("""{"type":"object","properties":{"city":{"type":"string","examples":["Paris","Rome"]}}}""");

        Assert.Equal(["Paris", "Rome"], schema["properties"]!["city"]!["examples"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Normalize_NullExamples_AreRemoved()
    {
        var schema = Normalize("""{"type":"object","properties":{"city":{"type":"string","examples":null}}}""");

        Assert.False(schema["properties"]!["city"]!.AsObject().ContainsKey("examples"));
    }

    [Fact]
    public void Normalize_NullSubschemas_AreReplacedOrRemoved()
    {
        var schema = Normalize(
            """{"type":"object","properties":{"a":null,"b":{"type":"array","items":null},"c":{"anyOf":[null,{"type":"string"}]},"d":{"not":null}},"additionalProperties":null,"$defs":null}""");
        var properties = schema["properties"]!.AsObject();

        Assert.Empty(properties["a"]!.AsObject());
        Assert.False(properties["b"]!.AsObject().ContainsKey("items"));
        Assert.Single(properties["c"]!["anyOf"]!.AsArray());
        Assert.False(properties["d"]!.AsObject().ContainsKey("not"));
        Assert.False(schema.ContainsKey("additionalProperties"));
        Assert.False(schema.ContainsKey("$defs"));
        MetaSchema.AssertValid(JsonSerializer.SerializeToElement(schema));
    }

    [Fact]
    public void Normalize_NestedObject_NormalisesItsRequired()
    {
        var schema = Normalize(
            """{"type":"object","properties":{"address":{"type":"object","required":true,"properties":{"street":{"type":"string","required":true}}},"tags":{"type":"array","items":{"type":"object","properties":{"k":{"required":true}}}}}}""");

        Assert.Equal(["address"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["street"], schema["properties"]!["address"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["k"], schema["properties"]!["tags"]!["items"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        MetaSchema.AssertValid(JsonSerializer.SerializeToElement(schema));
    }

    [Fact]
    public void Normalize_TupleItems_BecomePrefixItems()
    {
        var schema = Normalize("""{"type":"object","properties":{"pair":{"type":"array","items":[{"type":"string"},null]}}}""");
        var pair = schema["properties"]!["pair"]!.AsObject();

        Assert.False(pair.ContainsKey("items"));
        Assert.Equal(2, pair["prefixItems"]!.AsArray().Count);
        MetaSchema.AssertValid(JsonSerializer.SerializeToElement(schema));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"type":"string"}""")]
    [InlineData("""{"type":"object","properties":null}""")]
    public void Normalize_RootWithoutObjectShape_BecomesObjectSchema(string json)
    {
        var schema = Normalize(json);

        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.IsType<JsonObject>(schema["properties"]);
        MetaSchema.AssertValid(JsonSerializer.SerializeToElement(schema));
    }

    [Fact]
    public void Normalize_MissingSchema_ReturnsEmptyObjectSchema()
    {
        var schema = ToolSchemas.Normalize((JsonElement?)null);

        Assert.Equal("""{"type":"object","properties":{}}""", schema.GetRawText());
    }

    [Fact]
    public void Normalize_DoesNotChangeInput()
    {
        var input = JsonNode.Parse("""{"type":"object","properties":{"a":{"required":true}}}""")!;

        ToolSchemas.Normalize(input);

        Assert.True(input["properties"]!["a"]!["required"]!.GetValue<bool>());
    }
}
