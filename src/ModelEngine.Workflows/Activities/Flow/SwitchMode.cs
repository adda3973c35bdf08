namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>Whether a FlowSwitch takes the first matching case or every matching case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
