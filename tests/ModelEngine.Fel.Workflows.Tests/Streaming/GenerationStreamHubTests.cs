using ModelEngine.Fel.Workflows.Streaming;

namespace ModelEngine.Fel.Workflows.Tests.Streaming;

public sealed class GenerationStreamHubTests
{
    private static GenerationStreamEvent Token(string activityId, string text) => new("i-1", activityId, GenerationStreamEventKind.Token, text);

    private static List<GenerationStreamEvent> Drain(GenerationStreamSubscription subscription)
    {
        var events = new List<GenerationStreamEvent>();
        while (subscription.Events.TryRead(out var item))
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public void LateSubscriber_ReceivesRunningTokensFirst()
    {
        var hub = new GenerationStreamHub();
        hub.Publish(Token("a", "Hel"));
        hub.Publish(Token("a", "lo"));

        using var subscription = hub.Subscribe("i-1");
        hub.Publish(Token("a", "!"));
        hub.Publish(new GenerationStreamEvent("i-1", "a", GenerationStreamEventKind.Completed, "Hello!", 12.5));

        var events = Drain(subscription);
        Assert.Equal(["Hel", "lo", "!", "Hello!"], events.Select(e => e.Text));
        Assert.Equal(GenerationStreamEventKind.Completed, events[^1].Kind);
    }

    [Fact]
    public void CompletedGeneration_NotReplayed()
    {
        var hub = new GenerationStreamHub();
        hub.Publish(Token("a", "old"));
        hub.Publish(new GenerationStreamEvent("i-1", "a", GenerationStreamEventKind.Completed, "old"));

        using var subscription = hub.Subscribe("i-1");

        Assert.Empty(Drain(subscription));
    }

    [Fact]
    public void OtherInstance_NotDelivered()
    {
        var hub = new GenerationStreamHub();
        using var subscription = hub.Subscribe("i-1");

        hub.Publish(new GenerationStreamEvent("i-2", "a", GenerationStreamEventKind.Token, "x"));

        Assert.Empty(Drain(subscription));
    }

    [Fact]
    public void Dispose_CompletesReaderAndForgets()
    {
        var hub = new GenerationStreamHub();
        var subscription = hub.Subscribe("i-1");
        Assert.Equal(1, hub.TrackedInstances);

        subscription.Dispose();

        Assert.True(subscription.Events.Completion.IsCompleted);
        Assert.Equal(0, hub.TrackedInstances);
    }

    [Fact]
    public void FailedGeneration_DropsTokens()
    {
        var hub = new GenerationStreamHub();
        hub.Publish(Token("a", "par"));

        hub.Publish(new GenerationStreamEvent("i-1", "a", GenerationStreamEventKind.Failed, "", Error: "timed out"));

        Assert.Equal(0, hub.TrackedInstances);
    }
}
