namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>
/// FlowJoin modes as Elsa names them. <see cref="WaitAllActive"/> behaves as <see cref="WaitAll"/>, because a
/// WaitAll join already ignores branches that can no longer deliver a token.
/// </summary>
public enum FlowJoinMode
{
    WaitAll,
    WaitAny,
    WaitAllActive,
}
