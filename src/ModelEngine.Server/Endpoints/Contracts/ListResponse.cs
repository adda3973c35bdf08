namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One page of a list: the items and the total number of matching items.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, long TotalCount);
