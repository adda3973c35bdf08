using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Forms;

namespace ModelEngine.Studio.Tests.Forms;

public sealed class TypedInputParserTests
{
    public static TheoryData<string> Cultures() => new() { "en", "zh-CN" };

    [Theory]
    [InlineData("Int32", TypedInputKind.Int32)]
    [InlineData("System.Int64", TypedInputKind.Int64)]
    [InlineData("Decimal", TypedInputKind.Decimal)]
    [InlineData("double", TypedInputKind.Double)]
    [InlineData("Boolean", TypedInputKind.Boolean)]
    [InlineData("System.DateTimeOffset", TypedInputKind.DateTime)]
    [InlineData("DateOnly", TypedInputKind.Date)]
    [InlineData("TimeSpan", TypedInputKind.Duration)]
    [InlineData("Object", TypedInputKind.Json)]
    [InlineData("System.Dynamic.ExpandoObject", TypedInputKind.JsonObject)]
    [InlineData("Int32[]", TypedInputKind.JsonArray)]
    [InlineData("System.Collections.Generic.List<System.String>", TypedInputKind.JsonArray)]
    [InlineData("Guid", TypedInputKind.Text)]
    public void KindOf_MapsTypeNames(string typeName, TypedInputKind expected) => Assert.Equal(expected, TypedInputParser.KindOf(typeName));

    [Fact]
    public void KindOf_ArrayFlag_IsJsonArray() => Assert.Equal(TypedInputKind.JsonArray, TypedInputParser.KindOf("String", isArray: true));

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Numbers_UseThePointInEveryCulture(string culture) => InCulture(culture, () =>
    {
        Assert.Equal(1.5m, Value(TypedInputKind.Decimal, "1.5").GetValue<decimal>());
        Assert.Equal(-2500.25, Value(TypedInputKind.Double, " -2500.25 ").GetValue<double>());
        Assert.Equal(1500d, Value(TypedInputKind.Double, "1.5e3").GetValue<double>());
        Assert.Equal(42L, Value(TypedInputKind.Int32, "42").GetValue<long>());
        Assert.Equal(JsonValueKind.Number, Value(TypedInputKind.Decimal, "0.1").GetValueKind());
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Numbers_WithACommaOrLetters_AreErrors(string culture) => InCulture(culture, () =>
    {
        Assert.Equal("NotNumber", ErrorKey(TypedInputKind.Decimal, "12,5"));
        Assert.Equal("NotNumber", ErrorKey(TypedInputKind.Double, "1,234.5"));
        Assert.Equal("NotNumber", ErrorKey(TypedInputKind.Double, "abc"));
        Assert.Equal("NotNumber", ErrorKey(TypedInputKind.Double, "NaN"));
        Assert.Equal("NotNumber", ErrorKey(TypedInputKind.Double, "12。5"));
        Assert.Equal("NotInteger", ErrorKey(TypedInputKind.Int32, "1.5"));
        Assert.Equal("NotInteger", ErrorKey(TypedInputKind.Int64, "1e3"));
        Assert.Equal("NotInteger", ErrorKey(TypedInputKind.Int32, "12,5"));
    });

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Numbers_OutOfRange_AreErrors(string culture) => InCulture(culture, () =>
    {
        Assert.Equal("NumberOutOfRange", ErrorKey(TypedInputKind.Double, "1e400"));
        Assert.Equal("NumberOutOfRange", ErrorKey(TypedInputKind.Decimal, "1e400"));
        Assert.Equal("NumberOutOfRange", ErrorKey(TypedInputKind.Single, "1e39"));
        Assert.Equal("IntegerOutOfRange", ErrorKey(TypedInputKind.Int32, "2147483648"));
        Assert.Equal("IntegerOutOfRange", ErrorKey(TypedInputKind.Byte, "-1"));
        Assert.Equal(int.MaxValue, Value(TypedInputKind.Int32, "2147483647").GetValue<long>());
        Assert.Equal(long.MinValue, Value(TypedInputKind.Int64, "-9223372036854775808").GetValue<long>());
    });

    [Fact]
    public void IntegerError_NamesTheRangeInInvariantForm()
    {
        var error = TypedInputParser.Parse(TypedInputKind.Int32, "2147483648").Error!;

        Assert.Equal(new object[] { "2147483648", "-2147483648", "2147483647" }, error.Arguments);
    }

    [Fact]
    public void NumberError_NamesARoundedRange()
    {
        var error = TypedInputParser.Parse(TypedInputKind.Decimal, "1e400").Error!;

        Assert.Equal(new object[] { "1e400", "-7.9E+28", "7.9E+28" }, error.Arguments);
        Assert.True(7.9e28 < (double)decimal.MaxValue);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void FullWidthDigits_AreReadAsAscii(string culture) => InCulture(culture, () =>
    {
        Assert.Equal(12.5m, Value(TypedInputKind.Decimal, "１２．５").GetValue<decimal>());
        Assert.Equal(-3L, Value(TypedInputKind.Int32, "－３").GetValue<long>());
        Assert.Equal("2026-12-31", Value(TypedInputKind.Date, "２０２６－１２－３１").GetValue<string>());
    });

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Boolean_ReadsTrueAndFalse(string text, bool expected) => Assert.Equal(expected, Value(TypedInputKind.Boolean, text).GetValue<bool>());

    [Fact]
    public void Boolean_Other_IsAnError() => Assert.Equal("NotBoolean", ErrorKey(TypedInputKind.Boolean, "yes"));

    [Theory]
    [InlineData("2026-12-31")]
    [InlineData("2026-12-31T17:30")]
    [InlineData("2026-12-31T17:30:00Z")]
    [InlineData("2026-12-31T17:30:00.125+08:00")]
    public void DateTime_AcceptsIso8601(string text) => Assert.Equal(text, Value(TypedInputKind.DateTime, text).GetValue<string>());

    [Theory]
    [InlineData(TypedInputKind.DateTime, "31/12/2026", "NotDateTime")]
    [InlineData(TypedInputKind.DateTime, "2026-13-01", "NotDateTime")]
    [InlineData(TypedInputKind.Date, "2026-12-31T10:00", "NotDate")]
    public void DateTime_OtherForms_AreErrors(TypedInputKind kind, string text, string key) => Assert.Equal(key, ErrorKey(kind, text));

    [Theory]
    [InlineData("01:30:00", "01:30:00")]
    [InlineData("2.00:00:00", "2.00:00:00")]
    [InlineData("PT90M", "01:30:00")]
    [InlineData("P1DT2H", "1.02:00:00")]
    public void Duration_AcceptsClockAndIsoForms(string text, string expected) => Assert.Equal(expected, Value(TypedInputKind.Duration, text).GetValue<string>());

    [Theory]
    [InlineData("90 minutes")]
    [InlineData("PT")]
    [InlineData("1:75:00")]
    public void Duration_OtherForms_AreErrors(string text) => Assert.Equal("NotDuration", ErrorKey(TypedInputKind.Duration, text));

    [Fact]
    public void Json_IsParsedToItsValue()
    {
        var value = Value(TypedInputKind.Json, """{ "color": "grey", "sizes": [1, 2] }""");

        Assert.Equal("grey", value["color"]!.GetValue<string>());
        Assert.Equal(2, value["sizes"]!.AsArray().Count);
        Assert.Equal(7, Value(TypedInputKind.Json, "7").GetValue<int>());
    }

    [Fact]
    public void Json_Invalid_NamesLineAndPosition()
    {
        var error = TypedInputParser.Parse(TypedInputKind.Json, "{\n  \"a\": 1,\n  oops\n}").Error!;

        Assert.Equal("NotJson", error.Key);
        Assert.Equal(new object[] { 3, 3 }, error.Arguments);
    }

    [Fact]
    public void Json_PositionCountsCharactersNotBytes()
    {
        // "名称" is six bytes of UTF-8 but two characters; the stray x is character 10 and byte 14 of the line.
        var error = TypedInputParser.Parse(TypedInputKind.Json, """{"名称": 1 x}""").Error!;

        Assert.Equal(new object[] { 1, 10 }, error.Arguments);
    }

    [Fact]
    public void JsonObjectAndArray_CheckTheShape()
    {
        Assert.Equal("NotJsonObject", ErrorKey(TypedInputKind.JsonObject, "[1]"));
        Assert.Equal("NotJsonArray", ErrorKey(TypedInputKind.JsonArray, """{"a": 1}"""));
        Assert.Equal(2, Value(TypedInputKind.JsonArray, "[1, 2]").AsArray().Count);
    }

    [Fact]
    public void Text_IsSentAsTyped() => Assert.Equal(" 12,5 ", Value(TypedInputKind.Text, " 12,5 ").GetValue<string>());

    [Theory]
    [InlineData(TypedInputKind.Int32, null)]
    [InlineData(TypedInputKind.Json, "   ")]
    [InlineData(TypedInputKind.Text, "")]
    public void BlankText_IsEmpty(TypedInputKind kind, string? text) => Assert.True(TypedInputParser.Parse(kind, text).IsEmpty);

    [Theory]
    [InlineData("en", "Amount: \"12,5\" is not a number. Use a point (.) as the decimal separator")]
    [InlineData("zh-CN", "Amount：“12,5”不是数字。请用半角句点（.）作小数点")]
    public void Describe_IsLocalizedAndNamesTheInput(string culture, string expectedStart) => InCulture(culture, () =>
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var localizer = services.GetRequiredService<IStringLocalizer<TypedInputResources>>();

        var message = TypedInputParser.Parse(TypedInputKind.Decimal, "12,5").Error!.Describe(localizer, "Amount");

        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
    });

    private static JsonNode Value(TypedInputKind kind, string text)
    {
        var result = TypedInputParser.Parse(kind, text);
        Assert.Null(result.Error);
        return Assert.IsAssignableFrom<JsonNode>(result.Value);
    }

    private static string? ErrorKey(TypedInputKind kind, string text) => TypedInputParser.Parse(kind, text).Error?.Key;

    private static void InCulture(string name, Action test)
    {
        using var culture = new UiCulture(name);
        test();
    }
}
