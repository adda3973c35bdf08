namespace ModelEngine.Benchmarks.Search;

/// <summary>
/// The shape of the task-search seed: open and completed tasks, each offered to one of <see cref="Groups"/> groups in turn,
/// with two captured variables, <c>region</c> (one of <see cref="Regions"/>) and <c>item</c>. Due dates repeat every
/// <see cref="DueHours"/> hours, so many tasks share one.
/// </summary>
internal static class SearchSeed
{
    public const int OpenTasks = 100_000;
    public const int HistoricTasks = 1_000_000;
    public const int Groups = 50;
    public const int Regions = 10;
    public const int DueHours = 500;

    /// <summary>Tasks that share one instance row, which keeps the seed small; search never reads instances.</summary>
    public const int TasksPerInstance = 100;

    public static readonly DateTimeOffset BaseTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int TotalTasks => OpenTasks + HistoricTasks;

    /// <summary>Task <paramref name="index"/> (1-based) is open when it is among the first <see cref="OpenTasks"/>.</summary>
    public static bool IsOpen(long index) => index <= OpenTasks;

    public static string Item(long index) => $"item {index % 1000} of batch {index / 1000}";
}
