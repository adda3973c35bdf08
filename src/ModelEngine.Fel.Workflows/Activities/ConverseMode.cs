namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>What a Converse activity does with its message.</summary>
public enum ConverseMode
{
    /// <summary>Adds the message as the human turn, calls the model and stores its response. The default.</summary>
    Ask,

    /// <summary>Appends the message with the given role to the memory without calling a model, such as a reviewer's edited reply.</summary>
    Record,
}
