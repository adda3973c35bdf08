namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>The type-name namespace and the toolbox category of the FEL activities.</summary>
public static class FelActivityNames
{
    /// <summary>The prefix of every FEL activity type name, as in <c>ModelEngine.Fel.Generate</c>.</summary>
    public const string Namespace = "ModelEngine.Fel";

    /// <summary>The designer's toolbox category.</summary>
    public const string Category = "AI";
}
