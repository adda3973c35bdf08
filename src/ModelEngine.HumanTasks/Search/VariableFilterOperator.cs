namespace ModelEngine.HumanTasks.Search;

/// <summary>How a variable filter compares a process variable with its value.</summary>
public enum VariableFilterOperator
{
    /// <summary>The variable's text is exactly the value (case-sensitive).</summary>
    Equals,

    /// <summary>The variable's text contains the value, ignoring case.</summary>
    Contains,
}
