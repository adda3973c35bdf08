namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>The instances started, finished and faulted on one UTC day.</summary>
public sealed record ThroughputDay(DateOnly Date, int Started, int Finished, int Faulted);
