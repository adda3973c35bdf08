namespace ModelEngine.Fit.Routing;

/// <summary>A fitable that routing left out of a call, the filter that left it out, and why.</summary>
/// <param name="FitableId">The fitable left out.</param>
/// <param name="Filter"><c>fitable-id</c>, <c>alias</c>, <c>rule</c> or <c>default</c>.</param>
/// <param name="Reason">A sentence for logs and traces.</param>
public sealed record FitRouteRejection(string FitableId, string Filter, string Reason);
