using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>Priority, dates, drafts, comments and attachments over HTTP.</summary>
public sealed class TaskDetailTests : IClassFixture<InboxServer>
{
    private readonly InboxServer _server;

    public TaskDetailTests(InboxServer server)
    {
        _server = server;
        server.Factory.WithSetting("HumanTasks:MaxAttachmentBytes", "1024");
    }

    [Fact]
    public async Task PriorityAndDates_AreSetAndCleared()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var due = new DateTimeOffset(2030, 1, 2, 9, 30, 0, TimeSpan.FromHours(8));

        var prioritized = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/priority", new { priority = 9 }, HttpStatusCode.OK);
        Assert.Equal(9, prioritized["priority"]!.GetValue<int>());
        var dated = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/due-date", new { dueAt = due }, HttpStatusCode.OK);
        Assert.Equal(due.UtcDateTime, dated["dueAt"]!.GetValue<DateTimeOffset>().UtcDateTime);
        var followed = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/follow-up-date", new { followUpAt = due.AddDays(-1) }, HttpStatusCode.OK);
        Assert.NotNull(followed["followUpAt"]);
        var cleared = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/due-date", new { dueAt = (DateTimeOffset?)null }, HttpStatusCode.OK);
        Assert.Null(cleared["dueAt"]);

        var missing = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/priority", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("priority", missing["parameter"]!.GetValue<string>());
        var erin = await _server.ClientAsync("erin");
        await InboxServer.SendAsync(erin, HttpMethod.Put, $"/api/tasks/{taskId}/priority", new { priority = 1 }, HttpStatusCode.Forbidden);

        var history = InboxServer.Actions(await InboxServer.HistoryAsync(bob, taskId));
        Assert.Equal(["create", "claim", "set-priority", "set-due-date", "set-follow-up-date", "set-due-date"], history);
    }

    [Fact]
    public async Task Draft_IsReturnedByForm()
    {
        var (bob, taskId) = await ClaimedByBobAsync();

        var saved = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/draft", new { data = new { note = "half done" } }, HttpStatusCode.OK);
        Assert.True(saved["hasDraft"]!.GetValue<bool>());
        var form = await bob.GetObjectAsync($"/api/tasks/{taskId}/form");
        Assert.Equal("half done", form["data"]!["note"]!.GetValue<string>());
        Assert.Equal(saved["etag"]!.GetValue<string>(), form["etag"]!.GetValue<string>());
        Assert.Equal("Reserved", (await bob.GetObjectAsync($"/api/tasks/{taskId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Comments_AreListedAndChangeETag()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var erin = await _server.ClientAsync("erin");
        var before = await bob.GetObjectAsync($"/api/tasks/{taskId}");

        await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/comments", new { text = "Check the vendor" }, HttpStatusCode.Created);
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/comments", new { text = "  " }, HttpStatusCode.BadRequest);
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/comments", new { text = "stale" }, HttpStatusCode.PreconditionFailed, before["etag"]!.GetValue<string>());

        var comments = (await bob.GetObjectAsync($"/api/tasks/{taskId}/comments"))["items"]!.AsArray();
        var comment = Assert.Single(comments)!;
        Assert.Equal("erin", comment["author"]!.GetValue<string>());
        Assert.Equal("Check the vendor", comment["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Attachments_AreLimitedAndDownloadable()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var erin = await _server.ClientAsync("erin");

        var created = await UploadAsync(bob, taskId, "quote.txt", "text/plain", "Quote: 120 EUR", HttpStatusCode.Created);
        Assert.Equal("quote.txt", created["fileName"]!.GetValue<string>());
        Assert.Equal(14, created["size"]!.GetValue<long>());

        var tooLarge = await UploadAsync(bob, taskId, "big.txt", "text/plain", new string('x', 2048), HttpStatusCode.BadRequest);
        Assert.Contains("1024", tooLarge["detail"]!.GetValue<string>());
        var wrongType = await UploadAsync(bob, taskId, "run.sh", "application/x-sh", "echo", HttpStatusCode.BadRequest);
        Assert.Equal("contentType", wrongType["parameter"]!.GetValue<string>());

        var list = (await bob.GetObjectAsync($"/api/tasks/{taskId}/attachments"))["items"]!.AsArray();
        var href = Assert.Single(list)!["href"]!.GetValue<string>();
        var download = await bob.GetAsync(href).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("Quote: 120 EUR", await download.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // Only the uploader or an administrator removes it.
        await InboxServer.SendAsync(erin, HttpMethod.Delete, href, null, HttpStatusCode.Forbidden);
        var removed = await bob.DeleteAsync(href).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.NotNull(removed.Headers.ETag);
        Assert.Empty((await bob.GetObjectAsync($"/api/tasks/{taskId}/attachments"))["items"]!.AsArray());
        Assert.Equal(["create", "claim", "attach", "detach"], InboxServer.Actions(await InboxServer.HistoryAsync(bob, taskId)));
    }

    private static async Task<JsonObject> UploadAsync(HttpClient client, string taskId, string fileName, string contentType, string text, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        var response = await client.PostAsync($"/api/tasks/{taskId}/attachments", form).WaitAsync(Timeouts.Request);
        return await response.ReadObjectAsync(expected);
    }

    private async Task<(HttpClient Bob, string TaskId)> ClaimedByBobAsync()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");
        return (bob, taskId);
    }
}
