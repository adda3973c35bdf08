namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>The number of instances with one status and sub-status.</summary>
public sealed record StatusCount(string Status, string SubStatus, int Count);
