using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Tasks;

/// <summary>One entry of a task's history, such as <c>claim</c> or <c>complete</c>, with what the operation changed in <see cref="Details"/>.</summary>
public sealed record TaskHistoryEntry(
    string Id, string Action, string? Actor, string? OnBehalfOf, DateTimeOffset At, string? StatusBefore, string? StatusAfter, JsonObject? Details);
