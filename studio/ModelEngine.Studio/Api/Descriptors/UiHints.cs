namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>The UI hints the server's descriptors use, each mapped to one property editor.</summary>
public static class UiHints
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
