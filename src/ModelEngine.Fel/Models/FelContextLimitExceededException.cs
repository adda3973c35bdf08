namespace ModelEngine.Fel;

/// <summary>Thrown before a call whose input would not fit the model's context window.</summary>
public sealed class FelContextLimitExceededException : InvalidOperationException
{
    public FelContextLimitExceededException(string modelName, int tokenCount, int contextWindow)
        : base($"The input to model '{modelName}' is about {tokenCount} tokens (an estimate by the cl100k tokenizer), over its context window of {contextWindow} tokens " +
            $"(Fel:Models:{modelName}:ContextWindow). Shorten the prompt or the history, retrieve fewer documents, or use a model with a larger window.")
    {
        ModelName = modelName;
        TokenCount = tokenCount;
        ContextWindow = contextWindow;
    }

    public string ModelName { get; }

    public int TokenCount { get; }

    public int ContextWindow { get; }
}
