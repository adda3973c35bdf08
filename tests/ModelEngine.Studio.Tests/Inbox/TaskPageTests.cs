using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Inbox;

namespace ModelEngine.Studio.Tests.Inbox;

public sealed class TaskPageTests : InboxTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static JsonObject PurchaseSchema() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("amount", "costCenter"),
        ["properties"] = new JsonObject
        {
            ["amount"] = new JsonObject { ["type"] = "number", ["title"] = "Amount", ["minimum"] = 1, ["maximum"] = 10000 },
            ["costCenter"] = new JsonObject { ["type"] = "string", ["title"] = "Cost center", ["pattern"] = "^CC-[0-9]+$" },
            ["region"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("EU", "US") },
            ["neededBy"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
            ["urgent"] = new JsonObject { ["type"] = "boolean" },
            ["notes"] = new JsonObject { ["type"] = "string", ["maxLength"] = 2000 },
            ["quantity"] = new JsonObject { ["type"] = "integer" },
            ["tags"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        },
    };

    [Fact]
    public void Claim_SendsIfMatchAndShowsTheHolder()
    {
        ScriptTaskPage(TaskJson("t1"));
        Api.On("POST", "api/tasks/t1/claim", TaskJson("t1", "Reserved", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-claim]")), Wait);

        page.Find("[data-testid=task-claim]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-release]")), Wait);
        var claim = Assert.Single(Sent("POST", "api/tasks/t1/claim"));
        Assert.Equal("\"1\"", claim.Headers["If-Match"]);
        Assert.Contains("Reserved", page.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal("bob", page.Find("[data-testid=task-holder]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=task-claim]"));
    }

    [Fact]
    public void Claim_On409_NamesTheHolder()
    {
        ScriptTaskPage(TaskJson("t1"));
        Api.On("POST", "api/tasks/t1/claim", _ =>
        {
            // The other user's claim is committed by the time the studio reloads the task.
            ScriptTaskPage(TaskJson("t1", "Reserved", "carol", revision: 2));
            return ScriptedStudioApi.Json(HttpStatusCode.Conflict, new
            {
                title = "Conflict", status = 409, detail = "Task 't1' is already claimed by 'carol'.",
            }, "application/problem+json");
        });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-claim]")), Wait);

        page.Find("[data-testid=task-claim]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-conflict]")), Wait);
        Assert.Equal("Already claimed by carol. The task has been reloaded.", page.Find("[data-testid=task-conflict]").TextContent.Trim());
        Assert.Equal("carol", page.Find("[data-testid=task-holder]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=task-outcome-Approve]"));
    }

    [Fact]
    public void Claim_On409_ReadsHolderFromDetail()
    {
        ScriptTaskPage(TaskJson("t1"));
        Api.OnProblem("POST", "api/tasks/t1/claim", HttpStatusCode.Conflict, "Task 't1' is already claimed by 'erin'.");
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-claim]")), Wait);

        page.Find("[data-testid=task-claim]").Click();

        page.WaitForAssertion(() => Assert.Contains("erin", page.Find("[data-testid=task-conflict]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Claim_On412_ReloadsAndNamesTheWinner()
    {
        // carol's claim changed the ETag before bob's request arrived, so the server rejects bob's If-Match.
        var page = LoseRace("claim", HttpStatusCode.PreconditionFailed, TaskJson("t1"), TaskJson("t1", "Reserved", "carol", revision: 2));

        page.WaitForAssertion(() => Assert.Equal(
            "Already claimed by carol. The task has been reloaded.", page.Find("[data-testid=task-conflict]").TextContent.Trim()), Wait);
        Assert.Equal("carol", page.Find("[data-testid=task-holder]").TextContent.Trim());
        Assert.Contains("Reserved", page.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=task-claim]"));
        Assert.Empty(page.FindAll("[data-testid=task-outcome-Approve]"));
        Assert.Empty(page.FindAll("[data-testid=task-release]"));
    }

    [Fact]
    public void Claim_On412_WinnerNoticeShownOnce()
    {
        var page = LoseRace("claim", HttpStatusCode.PreconditionFailed, TaskJson("t1"), TaskJson("t1", "Reserved", "carol", revision: 2));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-conflict]")), Wait);
        var readsBefore = Sent("GET", "api/tasks/t1").Count;
        var rendersBefore = page.RenderCount;

        Live.Raise(new Api.Tasks.TaskChange("e1", "Claimed", "t1", "Reserved", "carol", "carol", Time.GetUtcNow(), null));

        // The page renders once the live change has been handled, notice or not.
        page.WaitForAssertion(() => Assert.True(page.RenderCount > rendersBefore), Wait);
        Assert.Equal(readsBefore + 1, Sent("GET", "api/tasks/t1").Count);
        Assert.Empty(page.FindAll("[data-testid=task-live-notice]"));
        Assert.Contains("carol", page.Find("[data-testid=task-conflict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Claim_On412_ChineseUi_NamesTheWinner()
    {
        using var culture = new UiCulture("zh-CN");

        var page = LoseRace("claim", HttpStatusCode.PreconditionFailed, TaskJson("t1"), TaskJson("t1", "Reserved", "carol", revision: 2));

        page.WaitForAssertion(() => Assert.Equal("已被 carol 认领。任务已重新加载。", page.Find("[data-testid=task-conflict]").TextContent.Trim()), Wait);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.Conflict)]
    public void Complete_AlreadyCompleted_NamesWhoCompleted(HttpStatusCode status)
    {
        // An administrator completed the task on bob's behalf a moment earlier.
        var completed = TaskJson("t1", "Completed", "bob", revision: 3, new JsonObject
        {
            ["completedBy"] = "admin", ["outcome"] = "Reject", ["completedAt"] = "2026-12-05T09:00:00Z",
        });

        var page = LoseRace("complete", status, TaskJson("t1", "Reserved", "bob"), completed);

        page.WaitForAssertion(() => Assert.Equal(
            "Already completed by admin with the outcome Reject. The task has been reloaded.", page.Find("[data-testid=task-conflict]").TextContent.Trim()), Wait);
        Assert.Contains("Completed", page.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=task-outcome-Approve]"));
        Assert.Empty(page.FindAll("[data-testid=task-claim]"));
    }

    [Fact]
    public void Claim_On409_EndedTask_SaysClosed()
    {
        var page = LoseRace("claim", HttpStatusCode.Conflict, TaskJson("t1"), TaskJson("t1", "Exited", revision: 2));

        page.WaitForAssertion(() => Assert.Equal(
            "This task is no longer open; its status is now Exited. The task has been reloaded.", page.Find("[data-testid=task-conflict]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-testid=task-claim]"));
    }

    [Fact]
    public void Complete_SendsOutcomeCommentAndData()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 3), PurchaseSchema(), new JsonObject { ["amount"] = 2500, ["costCenter"] = "CC-7" });
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 4, new JsonObject { ["outcome"] = "Approve" }));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Approve]")), Wait);

        page.Find("textarea[data-testid=task-comment]").Change("Within budget");
        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/t1/complete")), Wait);
        var complete = Sent("POST", "api/tasks/t1/complete")[0];
        Assert.Equal("\"3\"", complete.Headers["If-Match"]);
        Assert.Equal("Approve", complete.Body!["outcome"]!.GetValue<string>());
        Assert.Equal("Within budget", complete.Body["comment"]!.GetValue<string>());
        Assert.Equal(2500, complete.Body["data"]!["amount"]!.GetValue<double>());
        Assert.Equal("CC-7", complete.Body["data"]!["costCenter"]!.GetValue<string>());
        page.WaitForAssertion(() => Assert.Contains("Completed", page.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Outcomes_ChineseUi_TranslateLabelsOnly()
    {
        using var culture = new UiCulture("zh-CN");
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 3));
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 4, new JsonObject { ["outcome"] = "Reject" }));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Reject]")), Wait);

        Assert.Equal("批准", page.Find("[data-testid=task-outcome-Approve]").TextContent.Trim());
        Assert.Equal("驳回", page.Find("[data-testid=task-outcome-Reject]").TextContent.Trim());
        page.Find("[data-testid=task-outcome-Reject]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/t1/complete")), Wait);
        Assert.Equal("Reject", Sent("POST", "api/tasks/t1/complete")[0].Body!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Complete_On412_ReloadsAndSaysSo()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"));
        Api.OnProblem("POST", "api/tasks/t1/complete", HttpStatusCode.PreconditionFailed, "The If-Match ETag is stale.");
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Reject]")), Wait);
        var readsBefore = Sent("GET", "api/tasks/t1").Count;

        page.Find("[data-testid=task-outcome-Reject]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "The task changed meanwhile; it has been reloaded.", page.Find("[data-testid=task-conflict]").TextContent.Trim()), Wait);
        Assert.Equal(readsBefore + 1, Sent("GET", "api/tasks/t1").Count);
    }

    [Fact]
    public void SchemaForm_RendersAFieldPerProperty()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema(), uiSchema: new JsonObject { ["costCenter"] = new JsonObject { ["ui:widget"] = "textarea" } });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-form]")), Wait);
        Assert.NotNull(page.Find("[data-testid=form-field-amount] input"));
        Assert.NotNull(page.Find("[data-testid=form-field-costCenter] textarea"));
        Assert.NotNull(page.Find("[data-testid=form-field-region] .mud-select"));
        Assert.Equal("date", page.Find("[data-testid=form-field-neededBy] input").GetAttribute("type"));
        Assert.Equal("checkbox", page.Find("[data-testid=form-field-urgent] input").GetAttribute("type"));
        Assert.NotNull(page.Find("[data-testid=form-field-notes] textarea"));
        Assert.NotNull(page.Find("[data-testid=form-field-quantity] input"));
        Assert.NotNull(page.Find("[data-testid=form-field-tags] textarea"));
    }

    [Fact]
    public void IntegerField_TypedValue_IsKeptAsWholeNumber()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema());
        Api.On("PUT", "api/tasks/t1/draft", TaskJson("t1", "Reserved", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=form-field-quantity] input")), Wait);

        page.Find("[data-testid=form-field-quantity] input").Input("0");
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=form-field-quantity] input").GetAttribute("value")), Wait);
        page.Find("[data-testid=task-save-draft]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("PUT", "api/tasks/t1/draft")), Wait);
        var quantity = Sent("PUT", "api/tasks/t1/draft")[0].Body!["data"]!["quantity"]!;
        Assert.Equal("0", quantity.ToJsonString());
    }

    [Fact]
    public void IntegerField_Typed_CompletesTheTask()
    {
        var schema = PurchaseSchema();
        schema["properties"]!["quantity"]!["minimum"] = 1;
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), schema, new JsonObject { ["amount"] = 2500, ["costCenter"] = "CC-7" });
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=form-field-quantity] input")), Wait);

        page.Find("[data-testid=form-field-quantity] input").Input("5");
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=form-field-quantity] input").GetAttribute("value")), Wait);
        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/t1/complete")), Wait);
        Assert.Equal("5", Sent("POST", "api/tasks/t1/complete")[0].Body!["data"]!["quantity"]!.ToJsonString());
    }

    [Fact]
    public void IntegerField_BelowMinimum_IsBlocked()
    {
        var schema = PurchaseSchema();
        schema["properties"]!["quantity"]!["title"] = "Quantity";
        schema["properties"]!["quantity"]!["minimum"] = 1;
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), schema, new JsonObject { ["amount"] = 2500, ["costCenter"] = "CC-7" });
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=form-field-quantity] input")), Wait);

        page.Find("[data-testid=form-field-quantity] input").Input("0");
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=form-field-quantity] input").GetAttribute("value")), Wait);
        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("Quantity must be at least 1.", page.Find("[data-testid=form-field-quantity]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(Sent("POST", "api/tasks/t1/complete"));
    }

    [Fact]
    public void SchemaForm_WithoutDraft_StartsFromTaskData()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema());
        Api.On("PUT", "api/tasks/t1/draft", TaskJson("t1", "Reserved", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-save-draft]")), Wait);

        page.Find("[data-testid=task-save-draft]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("PUT", "api/tasks/t1/draft")), Wait);
        var data = Sent("PUT", "api/tasks/t1/draft")[0].Body!["data"]!.AsObject();
        Assert.Equal(2500, data["amount"]!.GetValue<double>());
        Assert.False(data.ContainsKey("item"));
    }

    [Fact]
    public void Complete_WithMissingRequiredField_IsBlocked()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema(), new JsonObject { ["amount"] = 2500 });
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 2));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Approve]")), Wait);

        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("Cost center is required.", page.Find("[data-testid=form-field-costCenter]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(Sent("POST", "api/tasks/t1/complete"));
    }

    [Fact]
    public void Complete_WithValueOutOfRange_IsBlocked()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema(), new JsonObject { ["amount"] = 20000, ["costCenter"] = "X" });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Approve]")), Wait);

        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("Amount must be at most 10000.", page.Find("[data-testid=form-field-amount]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Cost center must match the pattern ^CC-[0-9]+$.", page.Find("[data-testid=form-field-costCenter]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Sent("POST", "api/tasks/t1/complete"));
    }

    [Fact]
    public void Complete_On400_ShowsServerErrorsPerField()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema(), new JsonObject { ["amount"] = 2500, ["costCenter"] = "CC-1" });
        Api.On("POST", "api/tasks/t1/complete", _ => ScriptedStudioApi.Json(HttpStatusCode.BadRequest, new
        {
            title = "Invalid", status = 400, detail = "The data does not match the task's form schema.", parameter = "data/costCenter",
            errors = new[] { new { path = "data/costCenter", message = "The cost center is closed." } },
        }, "application/problem+json"));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Approve]")), Wait);

        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("The cost center is closed.", page.Find("[data-testid=form-field-costCenter]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("The data does not match the task's form schema.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveDraft_SendsTheFormData()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 5), PurchaseSchema(), new JsonObject { ["amount"] = 10 });
        Api.On("PUT", "api/tasks/t1/draft", TaskJson("t1", "Reserved", "bob", revision: 6, new JsonObject { ["hasDraft"] = true }));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-save-draft]")), Wait);

        page.Find("[data-testid=form-field-costCenter] input").Input("CC-9");
        page.Find("[data-testid=task-save-draft]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("PUT", "api/tasks/t1/draft")), Wait);
        var draft = Sent("PUT", "api/tasks/t1/draft")[0];
        Assert.Equal("\"5\"", draft.Headers["If-Match"]);
        Assert.Equal(10, draft.Body!["data"]!["amount"]!.GetValue<double>());
        Assert.Equal("CC-9", draft.Body["data"]!["costCenter"]!.GetValue<string>());
    }

    [Fact]
    public void Release_SendsIfMatch()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 2));
        Api.On("POST", "api/tasks/t1/release", TaskJson("t1", "Ready", revision: 3));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-release]")), Wait);

        page.Find("[data-testid=task-release]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-claim]")), Wait);
        Assert.Equal("\"2\"", Assert.Single(Sent("POST", "api/tasks/t1/release")).Headers["If-Match"]);
    }

    [Fact]
    public void AddComment_PostsTheTextAndReloads()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 2));
        Api.On("POST", "api/tasks/t1/comments", new { id = "c1", author = "bob", text = "Looks fine", createdAt = "2026-12-05T09:00:00Z" });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-add-comment]")), Wait);
        var readsBefore = Sent("GET", "api/tasks/t1/comments").Count;

        page.FindAll("textarea").Last().Input("Looks fine");
        page.Find("[data-testid=task-add-comment]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/t1/comments")), Wait);
        var comment = Sent("POST", "api/tasks/t1/comments")[0];
        Assert.Equal("Looks fine", comment.Body!["text"]!.GetValue<string>());
        Assert.Equal("\"2\"", comment.Headers["If-Match"]);
        page.WaitForAssertion(() => Assert.True(Sent("GET", "api/tasks/t1/comments").Count > readsBefore), Wait);
    }

    [Fact]
    public void Lists_ShowCommentsAttachmentsAndHistory()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"));
        Api.On("GET", "api/tasks/t1/comments", new { items = new[] { new { id = "c1", author = "alice", text = "Please hurry", createdAt = "2026-12-05T08:30:00Z" } }, totalCount = 1 });
        Api.On("GET", "api/tasks/t1/attachments", new { items = new[] { new { id = "a1", fileName = "quote.pdf", contentType = "application/pdf", size = 2048, uploadedBy = "alice", createdAt = "2026-12-05T08:31:00Z" } }, totalCount = 1 });
        Api.On("GET", "api/tasks/t1/history", new { items = new[] { new { id = "h1", action = "claim", actor = "bob", at = "2026-12-05T08:40:00Z", statusBefore = "Ready", statusAfter = "Reserved" } }, totalCount = 1 });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));

        page.WaitForAssertion(() => Assert.Contains("Please hurry", page.Find("[data-testid=task-comments]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("quote.pdf", page.Find("[data-testid=task-attachments]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Claimed", page.Find("[data-testid=task-history]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=task-attach]"));
    }

    [Fact]
    public void SameTaskId_KeepsUnsavedValues()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"), PurchaseSchema());
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=form-field-costCenter] input")), Wait);
        page.Find("[data-testid=form-field-costCenter] input").Input("CC-3");
        var readsBefore = Sent("GET", "api/tasks/t1").Count;

        page.Render(p => p.Add(x => x.TaskId, "t1"));

        Assert.Equal(readsBefore, Sent("GET", "api/tasks/t1").Count);
        Assert.Equal("CC-3", page.Find("[data-testid=form-field-costCenter] input").GetAttribute("value"));
    }

    [Fact]
    public void LiveChange_ByOtherUser_ReloadsTask()
    {
        ScriptTaskPage(TaskJson("t1"));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-claim]")), Wait);
        ScriptTaskPage(TaskJson("t1", "Reserved", "carol", revision: 2));

        Live.Raise(new Api.Tasks.TaskChange("e1", "Claimed", "t1", "Reserved", "carol", "carol", Time.GetUtcNow(), null));

        page.WaitForAssertion(() => Assert.Contains("carol", page.Find("[data-testid=task-live-notice]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("carol", page.Find("[data-testid=task-holder]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=task-claim]"));
    }

    [Fact]
    public void OwnAction_ClearsEarlierLiveNotice()
    {
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob"));
        Api.On("POST", "api/tasks/t1/complete", TaskJson("t1", "Completed", "bob", revision: 3, new JsonObject { ["outcome"] = "Approve" }));
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-outcome-Approve]")), Wait);
        ScriptTaskPage(TaskJson("t1", "Reserved", "bob", revision: 2));
        Live.Raise(new Api.Tasks.TaskChange("e1", "Updated", "t1", "Reserved", "bob", "admin", Time.GetUtcNow(), null));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-live-notice]")), Wait);

        page.Find("[data-testid=task-outcome-Approve]").Click();

        page.WaitForAssertion(() => Assert.Single(Sent("POST", "api/tasks/t1/complete")), Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=task-live-notice]")), Wait);
    }

    [Fact]
    public void CompletedTask_ChineseUi_ShowsDecisionReadOnly()
    {
        using var culture = new UiCulture("zh-CN");
        ScriptTaskPage(TaskJson("t1", "Completed", "bob", revision: 4, new JsonObject
        {
            ["outcome"] = "Reject", ["comment"] = "Over budget", ["completedBy"] = "bob", ["completedAt"] = "2026-12-05T09:00:00Z",
        }));

        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));

        page.WaitForAssertion(() => Assert.StartsWith("驳回", page.Find("[data-testid=task-outcome]").TextContent.Trim(), StringComparison.Ordinal), Wait);
        Assert.Equal("Over budget", page.Find("[data-testid=task-decision-comment]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=task-comment]"));
    }

    // Renders the page on `before`, then runs `action` (claim, or complete with Approve), which the server rejects with
    // `status` because another user's change, `after`, was committed first.
    private IRenderedComponent<TaskPage> LoseRace(string action, HttpStatusCode status, JsonObject before, JsonObject after)
    {
        ScriptTaskPage(before);
        Api.On("POST", $"api/tasks/t1/{action}", _ =>
        {
            ScriptTaskPage(after);
            return ScriptedStudioApi.Json(status, new { title = "Conflict", status = (int)status, detail = "Task 't1' changed." }, "application/problem+json");
        });
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, "t1"));
        var button = action == "claim" ? "task-claim" : "task-outcome-Approve";
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid={button}]")), Wait);

        page.Find($"[data-testid={button}]").Click();
        return page;
    }
}
