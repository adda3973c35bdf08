namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// A condition on a process variable as it was when the task was created. A string variable is compared by its text,
/// any other value by its JSON text, such as <c>42</c> or <c>true</c>.
/// </summary>
public sealed record VariableFilter(string Name, VariableFilterOperator Operator, string Value);
