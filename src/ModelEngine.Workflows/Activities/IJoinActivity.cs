namespace ModelEngine.Workflows.Activities;

/// <summary>An activity that decides its own join mode from its inputs, such as FlowJoin.</summary>
public interface IJoinActivity
{
    JoinMode GetJoinMode();
}
