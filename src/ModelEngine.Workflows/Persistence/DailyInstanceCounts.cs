namespace ModelEngine.Workflows.Persistence;

/// <summary>The instances that started, finished and faulted at least once on one UTC day.</summary>
public sealed record DailyInstanceCounts(DateOnly Date, long Started, long Finished, long Faulted);
