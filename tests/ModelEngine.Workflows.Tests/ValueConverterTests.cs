using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Tests;

public sealed class ValueConverterTests
{
    [Fact]
    public void Convert_JsonString_ReturnsString() => Assert.Equal("hello", ValueConverter.Convert<string>(JsonNode.Parse("\"hello\"")));

    [Fact]
    public void Convert_NumberText_ReturnsInt() => Assert.Equal(5, ValueConverter.Convert<int>(JsonValue.Create("5")));

    [Fact]
    public void Convert_IsoDuration_ReturnsTimeSpan() => Assert.Equal(TimeSpan.FromMinutes(5), ValueConverter.Convert<TimeSpan>(JsonValue.Create("PT5M")));

    [Fact]
    public void Convert_CommaList_ReturnsArray() => Assert.Equal(["a", "b"], ValueConverter.Convert<string[]>(JsonValue.Create("a, b"))!);

    [Fact]
    public void Convert_JsonObjectToObject_KeepsNode() => Assert.IsType<JsonObject>(ValueConverter.Convert<object>(JsonNode.Parse("{\"a\":1}")), exactMatch: false);
}
