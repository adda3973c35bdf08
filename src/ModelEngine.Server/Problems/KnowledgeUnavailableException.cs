namespace ModelEngine.Server.Problems;

/// <summary>The server has no knowledge bases set up. The API returns 503 with problem details that name what to register.</summary>
public sealed class KnowledgeUnavailableException : InvalidOperationException
{
    public KnowledgeUnavailableException(string message)
        : base(message)
    {
    }
}
