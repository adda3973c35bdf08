using System.Data.Common;

namespace ModelEngine.Persistence.Tests;

/// <summary>Runs catalog queries for the migration tests of every provider.</summary>
internal static class DbConnectionQueryExtensions
{
    /// <summary>Opens the connection, runs <paramref name="sql"/> and returns the first column of every row as text.</summary>
    public static async Task<List<string>> QueryStringsAsync(this DbConnection connection, string sql)
    {
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync().WithTimeout();
        var values = new List<string>();
        while (await reader.ReadAsync().WithTimeout())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
