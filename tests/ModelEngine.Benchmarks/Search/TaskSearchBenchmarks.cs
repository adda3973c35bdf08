using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Engine;
using ModelEngine.Benchmarks.PostgreSql;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Benchmarks.Search;

/// <summary>
/// <c>POST /api/tasks/search</c> as <see cref="ITaskSearch"/> serves it, over 100,000 open and 1,000,000 completed tasks
/// (<see cref="SearchSeed"/>), on SQLite and PostgreSQL. Each query requests the first 50 tasks by due date, with the
/// total count and the three view counts, as a reviewer of one candidate group (2,000 open tasks visible).
/// </summary>
/// <remarks>
/// Seeding takes minutes, so each provider's database is seeded once per process and shared by the benchmark cases;
/// it is deleted when the process exits.
/// </remarks>
[Config(typeof(LatencyRunConfig))]
[InvocationCount(1)]
public class TaskSearchBenchmarks
{
    /// <summary>Queries in one iteration, one after another.</summary>
    public const int Queries = 20;

    private static readonly UserIdentity Reviewer = new("reviewer-7", new HashSet<string>(StringComparer.Ordinal) { "group-7" });
    private static readonly Dictionary<string, Task<EngineHost>> Hosts = new(StringComparer.Ordinal);

    private ITaskSearch _search = null!;

    [Params("Sqlite", "PostgreSql")]
    public string Provider { get; set; } = "Sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Task<EngineHost> host;
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(Provider, out host!))
            {
                host = Provider == "Sqlite" ? SeedSqliteAsync() : SeedPostgreSqlAsync();
                Hosts[Provider] = host;
            }
        }

        _search = (await host).Services.GetRequiredService<ITaskSearch>();
    }

    [IterationCleanup]
    public void EndIteration()
    {
        LatencyRecorder.EndIteration(LatencyRecorder.Key(nameof(GroupByDueDate), Provider));
        LatencyRecorder.EndIteration(LatencyRecorder.Key(nameof(GroupAndVariableEquals), Provider));
        LatencyRecorder.EndIteration(LatencyRecorder.Key(nameof(VariableContains), Provider));
    }

    /// <summary>The open tasks of the reviewer's group: 2,000 match.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public Task GroupByDueDate() => QueryAsync(nameof(GroupByDueDate), new TaskSearchFilter { Group = "group-7" }, 2_000);

    /// <summary>The group's open tasks of one region: 2,000 tasks of group 7 all fall in region 7.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public Task GroupAndVariableEquals() => QueryAsync(
        nameof(GroupAndVariableEquals),
        new TaskSearchFilter { Group = "group-7", Variables = [new VariableFilter("region", VariableFilterOperator.Equals, "region-7")] },
        2_000);

    /// <summary>Visible open tasks whose item text contains a phrase, ignoring case: 100 of the reviewer's 2,000 match.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public Task VariableContains() => QueryAsync(
        nameof(VariableContains),
        new TaskSearchFilter { Variables = [new VariableFilter("item", VariableFilterOperator.Contains, "ITEM 507 of")] },
        100);

    private async Task QueryAsync(string name, TaskSearchFilter filter, long expectedCount)
    {
        var key = LatencyRecorder.Key(name, Provider);
        var request = new TaskSearchRequest { Filter = filter, Sort = new TaskSort(TaskSortField.DueAt, Descending: false), PageSize = 50 };
        for (var i = 0; i < Queries; i++)
        {
            await LatencyRecorder.MeasureAsync(key, async () =>
            {
                var result = await _search.SearchAsync(Reviewer, request, SearchSeed.BaseTime.AddDays(10));
                if (result.TotalCount != expectedCount)
                {
                    throw new InvalidOperationException($"{name} on {Provider} matched {result.TotalCount} tasks, but the seed has {expectedCount} for it.");
                }
            });
        }
    }

    private static async Task<EngineHost> SeedSqliteAsync()
    {
        var host = await EngineHost.CreateSqliteAsync(SqliteSynchronousMode.Normal);
        await SqliteSearchSeeder.SeedAsync(host.ConnectionString!);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return host;
    }

    private static async Task<EngineHost> SeedPostgreSqlAsync()
    {
        var database = await BenchmarkDatabase.CreateAsync();
        var host = await EngineHost.CreatePostgreSqlAsync(database.ConnectionString, migrate: true);
        await PostgreSqlSearchSeeder.SeedAsync(database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        };
        return host;
    }
}
