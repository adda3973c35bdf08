using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Studio.EndToEndTests.Performance;

/// <summary>
/// Seeds open tasks of the managers group straight through the server's <see cref="IWorkflowCommitter"/>: one suspended
/// instance per batch whose commit creates the batch's tasks, as a running UserTask would. This writes thousands of
/// tasks in seconds, where running thousands of workflows would take minutes.
/// </summary>
public static class InboxSeeder
{
    private const int BatchSize = 500;

    public static async Task SeedAsync(StudioServer server, int taskCount)
    {
        var committer = server.Services.GetRequiredService<IWorkflowCommitter>();
        var createdAt = DateTimeOffset.UtcNow;
        for (var batch = 0; batch * BatchSize < taskCount; batch++)
        {
            var instanceId = $"inbox-load-{batch:D3}";
            var taskIds = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, taskCount - (batch * BatchSize)))
                .Select(number => $"inbox-load-task-{number:D5}")
                .ToList();
            var commit = new WorkflowCommit
            {
                Summary = new WorkflowInstanceSummary
                {
                    Id = instanceId,
                    DefinitionId = "inbox-load",
                    DefinitionVersionId = "inbox-load:v1",
                    Version = 1,
                    SubStatus = WorkflowSubStatus.Suspended,
                    Name = instanceId,
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                    Revision = 1,
                },
                StateJson = """{"step":0}""",
                Changes = taskIds.Select(id => (object)new HumanTaskCreated(NewTask(id, instanceId, createdAt))).ToList(),
            };
            await committer.CommitAsync(commit).WaitAsync(BrowserTimeouts.Server);
        }
    }

    private static HumanTask NewTask(string id, string instanceId, DateTimeOffset createdAt) => new()
    {
        Id = id,
        WorkflowInstanceId = instanceId,
        DefinitionId = "inbox-load",
        ActivityId = "approve",
        ActivityInstanceId = "activity-" + id,
        BookmarkId = "bookmark-" + id,
        Title = "Approve load item " + id,
        Data = new JsonObject { ["item"] = id },
        Status = HumanTaskStatus.Ready,
        CandidateGroups = ["managers"],
        Outcomes = ["Approve", "Reject"],
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        Revision = 1,
    };
}
