using ModelEngine.Benchmarks.PostgreSql;

namespace ModelEngine.Benchmarks.Search;

/// <summary>
/// Writes <see cref="SearchSeed"/> to a migrated PostgreSQL database with <c>INSERT ... SELECT</c> over
/// <c>generate_series</c>, which builds the rows on the server, so no row crosses the connection.
/// </summary>
internal static class PostgreSqlSearchSeeder
{
    public static Task SeedAsync(BenchmarkDatabase database) => database.ExecuteAsync($"""
        INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "Version", "Status", "SubStatus",
            "Name", "Initiator", "IncidentCount", "CreatedAt", "UpdatedAt", "Revision")
        SELECT 'seed-' || g, 'search-seed', 'search-seed-v1', 1, 'Running', 'Suspended', 'Search seed', 'benchmarks', 0,
            TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 1
        FROM generate_series(0, {(SearchSeed.TotalTasks - 1) / SearchSeed.TasksPerInstance}) AS g;

        INSERT INTO "HumanTasks" ("Id", "WorkflowInstanceId", "DefinitionId", "ActivityId", "ActivityInstanceId", "BookmarkId",
            "Title", "Status", "CandidateUsersJson", "CandidateGroupsJson", "OutcomesJson", "Priority", "DueAt", "CreatedAt",
            "UpdatedAt", "Initiator", "Revision")
        SELECT 'task-' || g, 'seed-' || ((g - 1) / {SearchSeed.TasksPerInstance}), 'search-seed', 'review', 'task-' || g, 'task-' || g,
            'Review request', CASE WHEN g <= {SearchSeed.OpenTasks} THEN 'Ready' ELSE 'Completed' END, '[]',
            '["group-' || (g % {SearchSeed.Groups}) || '"]', '["Approve","Reject"]', g % 5,
            TIMESTAMPTZ '2026-01-01 00:00:00+00' + (g % {SearchSeed.DueHours}) * interval '1 hour',
            TIMESTAMPTZ '2026-01-01 00:00:00+00' - g * interval '1 second',
            TIMESTAMPTZ '2026-01-01 00:00:00+00' - g * interval '1 second', 'benchmarks', 1
        FROM generate_series(1, {SearchSeed.TotalTasks}) AS g;

        INSERT INTO "HumanTaskCandidates" ("TaskId", "Kind", "Name", "IsInactive")
        SELECT 'task-' || g, 'group', 'group-' || (g % {SearchSeed.Groups}), g > {SearchSeed.OpenTasks}
        FROM generate_series(1, {SearchSeed.TotalTasks}) AS g;

        INSERT INTO "HumanTaskVariables" ("TaskId", "Name", "ValueText", "NormalizedText", "IsInactive")
        SELECT 'task-' || g, 'region', 'region-' || (g % {SearchSeed.Regions}), 'region-' || (g % {SearchSeed.Regions}), g > {SearchSeed.OpenTasks}
        FROM generate_series(1, {SearchSeed.TotalTasks}) AS g;

        INSERT INTO "HumanTaskVariables" ("TaskId", "Name", "ValueText", "NormalizedText", "IsInactive")
        SELECT 'task-' || g, 'item', 'item ' || (g % 1000) || ' of batch ' || (g / 1000), 'item ' || (g % 1000) || ' of batch ' || (g / 1000),
            g > {SearchSeed.OpenTasks}
        FROM generate_series(1, {SearchSeed.TotalTasks}) AS g;

        ANALYZE;
        """);
}
