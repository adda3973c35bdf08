namespace ModelEngine.HumanTasks.Filters;

/// <summary>Messages that every saved-filter store uses alike.</summary>
public static class SavedTaskFilterErrors
{
    public static string NameTaken(string owner, string name) =>
        $"User '{owner}' already has a saved filter named '{name}'. Choose another name, or update that filter with PUT.";
}
