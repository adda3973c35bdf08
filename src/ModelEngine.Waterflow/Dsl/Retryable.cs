namespace ModelEngine.Waterflow;

/// <summary>
/// Passed to a node's error handler. Calling <see cref="Retry(T)"/> runs the node again with the given item
/// after the handler returns; not calling it drops the item.
/// </summary>
public sealed class Retryable<T>
{
    internal Retryable(T value, int attempt)
    {
        Value = value;
        Attempt = attempt;
    }

    /// <summary>How many times the node already retried this item (0 on the first failure).</summary>
    public int Attempt { get; }

    internal T Value { get; private set; }

    internal bool IsRequested { get; private set; }

    /// <summary>Runs the node again with the same item.</summary>
    public void Retry() => IsRequested = true;

    /// <summary>Runs the node again with a corrected item.</summary>
    public void Retry(T value)
    {
        Value = value;
        IsRequested = true;
    }
}
