using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Tests;

public sealed class ChatPromptTemplateTests
{
    [Fact]
    public void Render_MissingKey_NamesKey()
    {
        var prompt = new ChatPromptTemplate().System("You help {{company}} customers.").Human("{{question}}");

        var error = Assert.Throws<PromptTemplateException>(() => prompt.Render(new Dictionary<string, object?> { ["question"] = "Hi" }));

        Assert.Equal("company", error.Placeholder);
        Assert.Contains("{{company}}", error.Message);
        Assert.Contains("'question'", error.Message);
    }

    [Fact]
    public void Render_HistorySlot_PlacesHistory()
    {
        var prompt = new ChatPromptTemplate().System("sys").History().Human("{{input}}");
        ChatMessage[] history = [new(ChatRole.User, "earlier"), new(ChatRole.Assistant, "reply")];

        var messages = prompt.Render(new Dictionary<string, object?> { ["input"] = "now" }, history);

        Assert.Equal(["sys", "earlier", "reply", "now"], messages.Select(m => m.Text));
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
    }

    [Fact]
    public void Render_NoSlot_HistoryAfterSystem()
    {
        var prompt = new ChatPromptTemplate().System("sys").Human("{{input}}");

        var messages = prompt.Render(new Dictionary<string, object?> { ["input"] = "now" }, [new ChatMessage(ChatRole.User, "earlier")]);

        Assert.Equal(["sys", "earlier", "now"], messages.Select(m => m.Text));
    }

    [Fact]
    public void History_Twice_Throws()
    {
        var prompt = new ChatPromptTemplate().History();

        Assert.Throws<InvalidOperationException>(() => prompt.History());
    }

    [Fact]
    public void Render_EscapedBraces_WritesLiteral()
    {
        var template = PromptTemplate.Parse("Use {{{{name}} literally, then {{name}}.");

        var text = template.Render(new Dictionary<string, object?> { ["name"] = "Ada" });

        Assert.Equal("Use {{name}} literally, then Ada.", text);
        Assert.Equal(["name"], template.Variables);
    }

    [Fact]
    public void Render_ValueWithBraces_NotExpanded()
    {
        var template = PromptTemplate.Parse("Q: {{q}}");

        var text = template.Render(new Dictionary<string, object?> { ["q"] = "{{secret}}" });

        Assert.Equal("Q: {{secret}}", text);
    }

    [Fact]
    public void Render_NonStringValues_InvariantAndJson()
    {
        var template = PromptTemplate.Parse("{{n}} {{flag}} {{list}}");

        var text = template.Render(new Dictionary<string, object?> { ["n"] = 1.5, ["flag"] = true, ["list"] = new[] { 1, 2 } });

        Assert.Equal("1.5 true [1,2]", text);
    }

    [Fact]
    public void Parse_UnclosedPlaceholder_Throws()
    {
        Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("Hello {{name"));
    }
}
