using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>
/// Assignment e-mail goes through SMTP to a listener on loopback, once per assignment, in each user's language.
/// </summary>
public sealed class EmailNotificationTests
{
    [Fact]
    public async Task Assigned_SendsMailInEachUsersLanguage()
    {
        await using var smtp = SmtpListener.Start();
        using var server = new ServerFactory()
            .WithSetting("HumanTasks:Email:Enabled", "true")
            .WithSetting("HumanTasks:Email:Host", "127.0.0.1")
            .WithSetting("HumanTasks:Email:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("HumanTasks:Email:UseTls", "false")
            .WithSetting("HumanTasks:Email:From", "ModelEngine <noreply@modelengine.test>")
            .WithSetting("HumanTasks:Email:Users:wang:Address", "wang@modelengine.test")
            .WithSetting("HumanTasks:Email:Users:wang:Language", "zh-CN")
            .WithSetting("HumanTasks:Email:Users:carol:Address", "carol@modelengine.test")
            .WithSetting("HumanTasks:Email:Users:carol:Language", "en")
            .WithSetting("HumanTasks:Delivery:InitialBackoff", "00:00:00.200");
        var dave = await server.CreateClientForAsync("dave");
        var alice = await server.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.SingleReview, "email-review"));
        var instanceId = await Instances.DispatchAsync(alice, "email-review", new { });
        var taskId = (await Instances.WaitForTaskAsync(await server.CreateClientForAsync("bob"), instanceId))["id"]!.GetValue<string>();

        // The store contract carries the event of each change; the task operations that emit Assigned live elsewhere.
        var store = server.Services.GetRequiredService<IHumanTaskStore>();
        await AssignAsync(store, taskId, "wang");
        await AssignAsync(store, taskId, "carol");

        var messages = await Eventually.WaitAsync(
            () => Task.FromResult(smtp.Messages),
            received => received.Count >= 2,
            "an e-mail to wang and one to carol");

        var chinese = Assert.Single(messages, message => message.To.Mailboxes.Single().Address == "wang@modelengine.test");
        Assert.Equal("新任务已分配给您：Review", chinese.Subject);
        Assert.Contains("admin 将任务“Review”分配给了您", chinese.TextBody);
        Assert.Contains(taskId, chinese.TextBody);

        var english = Assert.Single(messages, message => message.To.Mailboxes.Single().Address == "carol@modelengine.test");
        Assert.Equal("Task assigned to you: Review", english.Subject);
        Assert.Contains("admin assigned you the task \"Review\"", english.TextBody);
        Assert.Equal("noreply@modelengine.test", english.From.Mailboxes.Single().Address);
        Assert.Equal(2, smtp.Messages.Count);
    }

    private static async Task AssignAsync(IHumanTaskStore store, string taskId, string assignee)
    {
        var task = (await store.FindAsync(taskId))!;
        var now = DateTimeOffset.UtcNow;
        var assigned = task with { Assignee = assignee, Status = HumanTaskStatus.Reserved, UpdatedAt = now, Revision = task.Revision + 1 };
        HumanTaskEvent assignedEvent = new()
        {
            Id = HumanTaskHistory.NewId(),
            Kind = HumanTaskEventKind.Assigned,
            Task = assigned,
            Actor = "admin",
            PreviousAssignee = task.Assignee,
            At = now,
        };
        await store.UpdateAsync(assigned, task.Revision, [assignedEvent]);
    }
}
