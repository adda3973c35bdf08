namespace ModelEngine.Studio.Features.Dashboard;

/// <summary>The marker of the dashboard screens' strings, in DashboardResources.resx and DashboardResources.zh-CN.resx.</summary>
public sealed class DashboardResources;
