using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Tests;

public sealed class RecentChatMemoryTests
{
    [Fact]
    public void Add_OverCapacity_DropsOldest()
    {
        var memory = new RecentChatMemory(3);
        for (var i = 0; i < 5; i++)
        {
            memory.Add(new ChatMessage(ChatRole.User, $"m{i}"));
        }

        Assert.Equal(["m2", "m3", "m4"], memory.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Capacity_Default_IsTwenty()
    {
        Assert.Equal(20, new RecentChatMemory().Capacity);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentChatMemory(0));
    }

    [Fact]
    public void Json_RoundTrip_KeepsRolesAndText()
    {
        var memory = new RecentChatMemory(4);
        memory.Add(new ChatMessage(ChatRole.User, "Where is my order?"));
        memory.Add(new ChatMessage(ChatRole.Assistant, "It ships \"today\"."));

        var json = memory.ToJson().ToJsonString();
        var restored = RecentChatMemory.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json));

        Assert.Equal(4, restored.Capacity);
        Assert.Equal([ChatRole.User, ChatRole.Assistant], restored.Messages.Select(m => m.Role));
        Assert.Equal(["Where is my order?", "It ships \"today\"."], restored.Messages.Select(m => m.Text));
    }

    [Fact]
    public void FromJson_Null_EmptyMemory()
    {
        var memory = RecentChatMemory.FromJson(null, capacity: 7);

        Assert.Empty(memory.Messages);
        Assert.Equal(7, memory.Capacity);
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        var memory = new RecentChatMemory();
        memory.Add(new ChatMessage(ChatRole.User, "x"));

        memory.Clear();

        Assert.Empty(memory.Messages);
    }
}
