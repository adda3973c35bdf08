using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Engine;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Benchmarks.PostgreSql;

/// <summary>
/// The first inbox page (50 tasks and the total count) over 100,000 open tasks on PostgreSQL, as the task service
/// serves <c>GET /api/tasks</c>. The tasks are offered to 50 groups in turn, so the inbox of a reviewer in one group lists
/// 2,000 of them and an admin's inbox lists all of them.
/// </summary>
[Config(typeof(LatencyRunConfig))]
[InvocationCount(1)]
public class PostgreSqlInboxBenchmarks
{
    public const int OpenTasks = 100_000;
    public const int Groups = 50;

    /// <summary>Queries in one iteration, one after another.</summary>
    public const int Queries = 50;

    private static readonly UserIdentity Reviewer = new("reviewer-7", new HashSet<string>(StringComparer.Ordinal) { "group-7" });
    private static readonly UserIdentity Admin = new("admin", new HashSet<string>(StringComparer.Ordinal) { UserIdentity.AdminsGroup });

    private BenchmarkDatabase _database = null!;
    private EngineHost _host = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync();
        _host = await EngineHost.CreatePostgreSqlAsync(_database.ConnectionString, migrate: true);
        await _database.ExecuteAsync(SeedSql);

        var page = await _host.Tasks.GetInboxAsync(Admin, new PageRequest(1, 50));
        if (page.TotalCount != OpenTasks)
        {
            throw new InvalidOperationException($"The admin inbox counts {page.TotalCount} open tasks after seeding, but {OpenTasks} were inserted.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [IterationCleanup]
    public void EndIteration()
    {
        LatencyRecorder.EndIteration(nameof(ReviewerInbox));
        LatencyRecorder.EndIteration(nameof(AdminInbox));
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public Task ReviewerInbox() => QueryAsync(nameof(ReviewerInbox), Reviewer, OpenTasks / Groups);

    [Benchmark(OperationsPerInvoke = Queries)]
    public Task AdminInbox() => QueryAsync(nameof(AdminInbox), Admin, OpenTasks);

    private async Task QueryAsync(string key, UserIdentity user, long expectedCount)
    {
        for (var i = 0; i < Queries; i++)
        {
            await LatencyRecorder.MeasureAsync(key, async () =>
            {
                var page = await _host.Tasks.GetInboxAsync(user, new PageRequest(1, 50));
                if (page.TotalCount != expectedCount || page.Items.Count != 50)
                {
                    throw new InvalidOperationException($"The inbox of '{user.Name}' returned {page.Items.Count} of {page.TotalCount} tasks, but {expectedCount} are open for them.");
                }
            });
        }
    }

    /// <summary>Inserts the open tasks, each with its waiting instance and one candidate group, in three statements.</summary>
    private static string SeedSql => $"""
        INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "Version", "Status", "SubStatus",
            "CorrelationId", "Name", "Initiator", "IncidentCount", "CreatedAt", "UpdatedAt", "FinishedAt", "Revision")
        SELECT 'seed-' || g, 'inbox-seed', 'inbox-seed-v1', 1, 'Running', 'Suspended', NULL, 'Inbox seed', 'benchmarks', 0,
            now() - g * interval '1 second', now(), NULL, 1
        FROM generate_series(1, {OpenTasks}) AS g;

        INSERT INTO "HumanTasks" ("Id", "WorkflowInstanceId", "DefinitionId", "ActivityId", "ActivityInstanceId", "BookmarkId",
            "Title", "Status", "CandidateUsersJson", "CandidateGroupsJson", "OutcomesJson", "Priority", "CreatedAt",
            "UpdatedAt", "Initiator", "Revision")
        SELECT 'task-' || g, 'seed-' || g, 'inbox-seed', 'review', 'review-' || g, 'bookmark-' || g,
            'Review request ' || g, 'Ready', '[]', '["group-' || (g % {Groups}) || '"]', '["Approve","Reject"]', g % 5,
            now() - g * interval '1 second', now(), 'benchmarks', 1
        FROM generate_series(1, {OpenTasks}) AS g;

        INSERT INTO "HumanTaskCandidates" ("TaskId", "Kind", "Name")
        SELECT 'task-' || g, 'group', 'group-' || (g % {Groups})
        FROM generate_series(1, {OpenTasks}) AS g;

        ANALYZE;
        """;
}
