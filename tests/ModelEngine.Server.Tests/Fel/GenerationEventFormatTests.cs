using System.Text;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Server.Endpoints;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>The wire format of one server-sent event of the generation stream.</summary>
public sealed class GenerationEventFormatTests
{
    [Fact]
    public void Token_MultilineTextStaysOnOneDataLine()
    {
        var builder = new StringBuilder();

        FelEndpoints.AppendEvent(builder, new GenerationStreamEvent("i-1", "reply", GenerationStreamEventKind.Token, "line one\nline two"));

        Assert.Equal("event: token\ndata: {\"activityId\":\"reply\",\"text\":\"line one\\nline two\"}\n\n", builder.ToString());
    }

    [Fact]
    public void Completed_CarriesTimeToFirstToken()
    {
        var builder = new StringBuilder();

        FelEndpoints.AppendEvent(builder, new GenerationStreamEvent("i-1", "reply", GenerationStreamEventKind.Completed, "Hi.", 12.5));

        Assert.Equal("event: completed\ndata: {\"activityId\":\"reply\",\"text\":\"Hi.\",\"ttftMs\":12.5}\n\n", builder.ToString());
    }

    [Fact]
    public void Failed_CarriesError()
    {
        var builder = new StringBuilder();

        FelEndpoints.AppendEvent(builder, new GenerationStreamEvent("i-1", "reply", GenerationStreamEventKind.Failed, "", Error: "timed out"));

        Assert.Equal("event: failed\ndata: {\"activityId\":\"reply\",\"error\":\"timed out\"}\n\n", builder.ToString());
    }
}
