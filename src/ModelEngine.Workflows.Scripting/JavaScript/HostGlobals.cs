using System.Collections.Frozen;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>The built-in globals that the evaluator can install for a script.</summary>
[Flags]
internal enum HostGlobals
{
    None = 0,
    Variables = 1 << 0,
    Input = 1 << 1,
    GetVariable = 1 << 2,
    SetVariable = 1 << 3,
    GetInput = 1 << 4,
    GetLastResult = 1 << 5,
    GetOutputFrom = 1 << 6,
    GetWorkflowInstanceId = 1 << 7,
    GetCorrelationId = 1 << 8,
    IsNullOrEmpty = 1 << 9,
    IsNullOrWhiteSpace = 1 << 10,
    ToJson = 1 << 11,
    ParseJson = 1 << 12,
    NewGuid = 1 << 13,
    GetInitiator = 1 << 14,
}

/// <summary>The script-visible name of each <see cref="HostGlobals"/> member.</summary>
internal static class HostGlobalNames
{
    /// <summary>Global names mapped to their flag.</summary>
    public static FrozenDictionary<string, HostGlobals> ByName { get; } = new Dictionary<string, HostGlobals>(StringComparer.Ordinal)
    {
        ["variables"] = HostGlobals.Variables,
        ["input"] = HostGlobals.Input,
        ["getVariable"] = HostGlobals.GetVariable,
        ["setVariable"] = HostGlobals.SetVariable,
        ["getInput"] = HostGlobals.GetInput,
        ["getLastResult"] = HostGlobals.GetLastResult,
        ["getOutputFrom"] = HostGlobals.GetOutputFrom,
        ["getWorkflowInstanceId"] = HostGlobals.GetWorkflowInstanceId,
        ["getCorrelationId"] = HostGlobals.GetCorrelationId,
        ["isNullOrEmpty"] = HostGlobals.IsNullOrEmpty,
        ["isNullOrWhiteSpace"] = HostGlobals.IsNullOrWhiteSpace,
        ["toJson"] = HostGlobals.ToJson,
        ["parseJson"] = HostGlobals.ParseJson,
        ["newGuid"] = HostGlobals.NewGuid,
        ["getInitiator"] = HostGlobals.GetInitiator,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
