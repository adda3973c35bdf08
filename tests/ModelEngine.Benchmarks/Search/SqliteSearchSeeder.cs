using Microsoft.Data.Sqlite;

namespace ModelEngine.Benchmarks.Search;

/// <summary>Writes <see cref="SearchSeed"/> to a migrated SQLite file in one transaction with prepared inserts.</summary>
internal static class SqliteSearchSeeder
{
    public static async Task SeedAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var instance = Prepare(connection, transaction, """
            INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "Version", "Status", "SubStatus",
                "Name", "Initiator", "IncidentCount", "CreatedAt", "UpdatedAt", "Revision")
            VALUES ($id, 'search-seed', 'search-seed-v1', 1, 'Running', 'Suspended', 'Search seed', 'benchmarks', 0, $at, $at, 1)
            """, "$id", "$at");
        var task = Prepare(connection, transaction, """
            INSERT INTO "HumanTasks" ("Id", "WorkflowInstanceId", "DefinitionId", "ActivityId", "ActivityInstanceId", "BookmarkId",
                "Title", "Status", "CandidateUsersJson", "CandidateGroupsJson", "OutcomesJson", "Priority", "DueAt", "CreatedAt",
                "UpdatedAt", "Initiator", "Revision")
            VALUES ($id, $instance, 'search-seed', 'review', $id, $id, 'Review request', $status, '[]', $groups,
                '["Approve","Reject"]', $priority, $due, $at, $at, 'benchmarks', 1)
            """, "$id", "$instance", "$status", "$groups", "$priority", "$due", "$at");
        var candidate = Prepare(connection, transaction,
            """INSERT INTO "HumanTaskCandidates" ("TaskId", "Kind", "Name", "IsInactive") VALUES ($id, 'group', $name, $inactive)""",
            "$id", "$name", "$inactive");
        var variable = Prepare(connection, transaction, """
            INSERT INTO "HumanTaskVariables" ("TaskId", "Name", "ValueText", "NormalizedText", "IsInactive")
            VALUES ($id, $name, $value, $normalized, $inactive)
            """, "$id", "$name", "$value", "$normalized", "$inactive");

        var baseTicks = SearchSeed.BaseTime.UtcTicks;
        for (long i = 1; i <= SearchSeed.TotalTasks; i++)
        {
            var instanceId = "seed-" + ((i - 1) / SearchSeed.TasksPerInstance);
            if ((i - 1) % SearchSeed.TasksPerInstance == 0)
            {
                Run(instance, instanceId, baseTicks);
            }

            var id = "task-" + i;
            var group = "group-" + (i % SearchSeed.Groups);
            var dueTicks = baseTicks + TimeSpan.FromHours(i % SearchSeed.DueHours).Ticks;
            var createdTicks = baseTicks - TimeSpan.FromSeconds(i).Ticks;
            Run(task, id, instanceId, SearchSeed.IsOpen(i) ? "Ready" : "Completed", $"[\"{group}\"]", i % 5, dueTicks, createdTicks);
            Run(candidate, id, group, SearchSeed.IsOpen(i) ? 0 : 1);
            var region = "region-" + (i % SearchSeed.Regions);
            var inactive = SearchSeed.IsOpen(i) ? 0 : 1;
            Run(variable, id, "region", region, region, inactive);
            var item = SearchSeed.Item(i);
            Run(variable, id, "item", item, item.ToLowerInvariant(), inactive);
        }

        await transaction.CommitAsync();
        await using var analyze = new SqliteCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Runs a prepared insert synchronously, because Microsoft.Data.Sqlite has no truly asynchronous I/O.</summary>
    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
