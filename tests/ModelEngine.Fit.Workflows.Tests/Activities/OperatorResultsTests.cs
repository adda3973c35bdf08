using System.Text;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Workflows.Activities;
using ModelEngine.Fit.Workflows.Tests.Support;

namespace ModelEngine.Fit.Workflows.Tests.Activities;

public sealed class OperatorResultsTests
{
    [Fact]
    public void Utf8Payload_BecomesStringAndIsReleased()
    {
        var payload = new ArrayPayload(Encoding.UTF8.GetBytes("长文本的摘要"), PayloadEncoding.Utf8);

        var json = OperatorResults.ToJson(payload);

        Assert.Equal("长文本的摘要", json!.GetValue<string>());
        Assert.Equal(1, payload.Releases);
    }

    [Fact]
    public void BytePayload_BecomesBase64AndIsReleased()
    {
        var payload = new ArrayPayload([1, 2, 255], PayloadEncoding.Bytes);

        var json = OperatorResults.ToJson(payload);

        Assert.Equal("AQL/", json!.GetValue<string>());
        Assert.Equal(1, payload.Releases);
    }

    [Fact]
    public void Memory_BecomesBase64()
    {
        Assert.Equal("AQL/", OperatorResults.ToJson(new ReadOnlyMemory<byte>([1, 2, 255]))!.GetValue<string>());
    }

    [Fact]
    public void Object_BecomesJsonObject()
    {
        var json = OperatorResults.ToJson(new { Text = "short", Words = 1 });

        Assert.Equal("short", json!["text"]!.GetValue<string>());
    }
}
