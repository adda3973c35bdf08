using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Workflows.Tests.Support;
using ModelEngine.Fit.Workflows.Waterflow;

namespace ModelEngine.Fit.Workflows.Tests.Waterflow;

public sealed class OperatorResultConverterTests
{
    private sealed record Summary(string Text, int Words);

    [Fact]
    public void Convert_SameType_PassesThrough()
    {
        var summary = new Summary("short", 1);

        Assert.Same(summary, OperatorResultConverter.Convert<Summary>(summary, "g"));
    }

    [Fact]
    public void Convert_Json_Deserializes()
    {
        var element = JsonSerializer.SerializeToElement(new { Text = "short", Words = 1 });

        Assert.Equal(new Summary("short", 1), OperatorResultConverter.Convert<Summary>(element, "g"));
        Assert.Equal(42, OperatorResultConverter.Convert<int>(JsonValue.Create(42), "g"));
    }

    [Fact]
    public void Convert_Primitive_ChangesType()
    {
        Assert.Equal(7, OperatorResultConverter.Convert<int>(7L, "g"));
        Assert.Equal(7, OperatorResultConverter.Convert<int?>(7L, "g"));
    }

    [Fact]
    public void Convert_Mismatch_NamesGenericableAndTypes()
    {
        var error = Assert.Throws<InvalidCastException>(() => OperatorResultConverter.Convert<Summary>(new Uri("http://127.0.0.1/"), "samples.text.summarize"));

        Assert.Contains("samples.text.summarize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("Summary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_Payload_CopiesAndReleases()
    {
        var payload = new ArrayPayload(Encoding.UTF8.GetBytes("summary"), PayloadEncoding.Utf8);

        Assert.Equal("summary", OperatorResultConverter.Convert<string>(payload, "g"));
        Assert.Equal(1, payload.Releases);
    }
}
