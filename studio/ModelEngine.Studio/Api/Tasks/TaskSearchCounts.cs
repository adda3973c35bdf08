namespace ModelEngine.Studio.Api.Tasks;

/// <summary>The counts a task search returns regardless of its filter: the caller's open tasks, their groups' and the overdue ones.</summary>
public sealed record TaskSearchCounts(int Mine, int MyGroups, int Overdue);
