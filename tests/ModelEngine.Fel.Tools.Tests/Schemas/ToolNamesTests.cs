namespace ModelEngine.Fel.Tools.Tests.Schemas;

public sealed class ToolNamesTests
{
    [Theory]
    [InlineData("samples.text.summarize", null, "samples_text_summarize")]
    [InlineData("already_valid-name", null, "already_valid-name")]
    [InlineData("a*b.c", null, "a_b_c")]
    [InlineData("read file", "files", "files_read_file")]
    public void FromId_ReplacesInvalidCharacters(string id, string? prefix, string expected)
    {
        var name = ToolNames.FromId(id, prefix);

        Assert.Equal(expected, name);
        Assert.True(ToolNames.IsValid(name));
    }

    [Fact]
    public void FromId_LongId_IsShortenedWithHash()
    {
        var id = "samples." + new string('x', 100) + ".first";
        var other = "samples." + new string('x', 100) + ".second";

        var name = ToolNames.FromId(id);
        var otherName = ToolNames.FromId(other);

        Assert.Equal(ToolNames.MaxLength, name.Length);
        Assert.True(ToolNames.IsValid(name));
        Assert.Equal(name, ToolNames.FromId(id));
        Assert.NotEqual(name, otherName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a b")]
    public void IsValid_RejectsInvalidNames(string name)
    {
        Assert.False(ToolNames.IsValid(name));
    }

    [Fact]
    public void IsValid_RejectsNameOver64Characters()
    {
        Assert.False(ToolNames.IsValid(new string('a', 65)));
        Assert.True(ToolNames.IsValid(new string('a', 64)));
    }

    [Fact]
    public void Assign_MapsEveryId()
    {
        var names = ToolNames.Assign(["samples.text.summarize", "samples.text.translate", "samples.text.summarize"], null, "Fel:Tools:Operators");

        Assert.Equal(2, names.Count);
        Assert.Equal("samples_text_summarize", names["samples.text.summarize"]);
        Assert.Equal("samples_text_translate", names["samples.text.translate"]);
    }

    [Fact]
    public void Assign_Collision_NamesBothIdsAndSource()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ToolNames.Assign(["text.summarize", "text_summarize"], null, "Fel:Tools:Operators"));

        Assert.Contains("'text.summarize'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'text_summarize' from", exception.Message, StringComparison.Ordinal);
        Assert.Contains("tool name 'text_summarize'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Tools:Operators", exception.Message, StringComparison.Ordinal);
    }
}
