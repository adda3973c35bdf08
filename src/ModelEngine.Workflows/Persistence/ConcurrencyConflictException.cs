namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// A commit lost a race: the instance, a task or a bookmark changed since it was read. Nothing was written. The API
/// answers 409.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
