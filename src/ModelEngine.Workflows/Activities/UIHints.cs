namespace ModelEngine.Workflows.Activities;

/// <summary>The editors the designer offers for inputs, spelled as Elsa spells them.</summary>
public static class UIHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string Checkbox = "checkbox";
    public const string Dropdown = "dropdown";
    public const string JsonEditor = "json-editor";
    public const string CodeEditor = "code-editor";
    public const string DateTimePicker = "datetime-picker";
    public const string Duration = "duration";
    public const string VariablePicker = "variable-picker";
    public const string OutcomePicker = "outcome-picker";
    public const string DynamicOutcomes = "dynamic-outcomes";
    public const string MultiText = "multitext";
    public const string FlowSwitchEditor = "flow-switch-editor";
    public const string UserPicker = "user-picker";
    public const string GroupPicker = "group-picker";
}
