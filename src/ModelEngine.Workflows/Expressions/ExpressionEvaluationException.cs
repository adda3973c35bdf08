namespace ModelEngine.Workflows.Expressions;

/// <summary>
/// An expression failed to parse or evaluate, or hit a sandbox limit. <see cref="Limit"/> names the limit, such as
/// <c>TimeoutSeconds</c>, when one was hit.
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException(string message, string? limit = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Limit = limit;
    }

    /// <summary>The sandbox limit that stopped the script, or <see langword="null"/> for other failures.</summary>
    public string? Limit { get; }
}
