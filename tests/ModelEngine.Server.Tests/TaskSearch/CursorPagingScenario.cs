using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests.TaskSearch;

/// <summary>
/// Pages through many tasks sorted by due date, where many tasks share a due date, while one client claims tasks and
/// another creates new ones. Every task that existed before the first page must appear exactly once, and a new task at
/// most once.
/// </summary>
internal static class CursorPagingScenario
{
    private const int SeedBatch = 500;
    private const int PageSize = 97;
    private static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(ServerFactory server, int taskCount)
    {
        var committer = server.Services.GetRequiredService<IWorkflowCommitter>();
        var admin = await server.CreateClientForAsync("admin");
        var carol = await server.CreateClientForAsync("carol");

        var seeded = new List<string>(taskCount);
        for (var batch = 0; batch * SeedBatch < taskCount; batch++)
        {
            var ids = Enumerable.Range(batch * SeedBatch, Math.Min(SeedBatch, taskCount - (batch * SeedBatch))).Select(i => $"seed-{i:D6}").ToList();
            await committer.CommitAsync(NewInstance($"paging-seed-{batch}", ids)).WaitAsync(Timeouts.Request);
            seeded.AddRange(ids);
        }

        using var stop = new CancellationTokenSource();
        var claimed = new ConcurrentBag<string>();
        var created = new ConcurrentBag<string>();
        var claimer = Task.Run(() => ClaimAsync(carol, seeded, claimed, stop.Token));
        // New tasks are capped, so that a creator faster than the pages cannot keep the last page out of reach.
        var maxCreated = taskCount / 2;
        var creator = Task.Run(() => CreateAsync(committer, created, maxCreated, stop.Token));

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        try
        {
            do
            {
                // Each page waits until both clients have written since the last one, so on a loaded machine the
                // pages still interleave with claims and creations instead of finishing before the clients start.
                await WaitForProgressAsync(claimed, created, maxCreated);
                var page = await admin.PostObjectAsync("/api/tasks/search", new
                {
                    filter = new { group = "finance" },
                    sort = new { field = "dueAt", direction = "asc" },
                    pageSize = PageSize,
                    cursor,
                });
                foreach (var item in page["items"]!.AsArray())
                {
                    var id = item!["id"]!.GetValue<string>();
                    seen[id] = seen.GetValueOrDefault(id) + 1;
                }

                cursor = page["nextCursor"]?.GetValue<string>();
                pages++;
                Assert.True(pages <= ((taskCount + maxCreated) / PageSize) + 10, $"Paging did not end after {pages} pages.");
            }
            while (cursor is not null);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(claimer, creator).WaitAsync(Timeouts.Request);
        }

        var missing = seeded.Where(id => !seen.ContainsKey(id)).ToList();
        var repeated = seen.Where(pair => pair.Value > 1).Select(pair => pair.Key).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} seeded tasks never appeared, such as {string.Join(", ", missing.Take(5))}.");
        Assert.True(repeated.Count == 0, $"{repeated.Count} tasks appeared more than once, such as {string.Join(", ", repeated.Take(5))}.");
        Assert.True(!claimed.IsEmpty, "The claimer claimed no task while the pages were read, so the test raced nothing.");
        Assert.True(!created.IsEmpty, "The creator created no task while the pages were read, so the test raced nothing.");
        Assert.All(seen.Keys, id => Assert.True(id.StartsWith("seed-", StringComparison.Ordinal) || created.Contains(id), $"Task {id} was neither seeded nor created."));
    }

    private static async Task WaitForProgressAsync(ConcurrentBag<string> claimed, ConcurrentBag<string> created, int maxCreated)
    {
        var claims = claimed.Count;
        var creations = created.Count;
        var deadline = DateTime.UtcNow + Timeouts.Poll;
        while (claimed.Count == claims || (created.Count == creations && creations < maxCreated))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The claimer ({claimed.Count} claims) or the creator ({created.Count} tasks) made no progress within {Timeouts.Poll}.");
            await Task.Delay(1);
        }
    }

    private static async Task ClaimAsync(HttpClient carol, List<string> seeded, ConcurrentBag<string> claimed, CancellationToken stop)
    {
        // Claims spread over the whole due-date range, so some land on pages already read and some on pages to come.
        var random = new Random(4);
        while (!stop.IsCancellationRequested)
        {
            var id = seeded[random.Next(seeded.Count)];
            using var response = await carol.PostAsync($"/api/tasks/{id}/claim", null, CancellationToken.None).WaitAsync(Timeouts.Request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                claimed.Add(id);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"Claim of {id} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static async Task CreateAsync(IWorkflowCommitter committer, ConcurrentBag<string> created, int maxCreated, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested && created.Count < maxCreated)
        {
            var ids = Enumerable.Range(0, 5).Select(i => $"new-{round:D5}-{i}").ToList();
            await committer.CommitAsync(NewInstance($"paging-new-{round}", ids), CancellationToken.None).WaitAsync(Timeouts.Request);
            foreach (var id in ids)
            {
                created.Add(id);
            }

            round++;
        }
    }

    private static WorkflowCommit NewInstance(string instanceId, IReadOnlyList<string> taskIds) => new()
    {
        Summary = new WorkflowInstanceSummary
        {
            Id = instanceId,
            DefinitionId = "paging",
            DefinitionVersionId = "paging:v1",
            Version = 1,
            SubStatus = WorkflowSubStatus.Suspended,
            Name = instanceId,
            CreatedAt = BaseTime,
            UpdatedAt = BaseTime,
            Revision = 1,
        },
        StateJson = """{"step":0}""",
        Changes = taskIds.Select(id => (object)new HumanTaskCreated(NewTask(id, instanceId))).ToList(),
    };

    /// <summary>A Ready task of the finance group; the characters of the id pick one of 20 due dates, so most tasks share a due date with hundreds of others.</summary>
    private static HumanTask NewTask(string id, string instanceId) => new()
    {
        Id = id,
        WorkflowInstanceId = instanceId,
        DefinitionId = "paging",
        ActivityId = "review",
        ActivityInstanceId = "ai-" + id,
        BookmarkId = "bm-" + id,
        Title = "Review " + id,
        Data = new JsonObject { ["n"] = id },
        Status = HumanTaskStatus.Ready,
        CandidateGroups = ["finance"],
        Outcomes = ["Approve", "Reject"],
        DueAt = BaseTime.AddHours(id.Sum(character => character) % 20),
        CreatedAt = BaseTime,
        UpdatedAt = BaseTime,
        Revision = 1,
    };
}
