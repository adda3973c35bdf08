namespace ModelEngine.Waterflow;

/// <summary>
/// What a node does when its function throws: call the node's error handler, which may ask for a retry, or
/// report the error to the flow's error callback and drop the item.
/// </summary>
internal sealed class NodeErrorPolicy<T>
{
    private readonly FlowRuntime _runtime;
    private readonly string _nodeName;
    private readonly Action<Exception, T, Retryable<T>>? _handler;
    private readonly int _maxRetries;

    public NodeErrorPolicy(FlowRuntime runtime, string nodeName, Action<Exception, T, Retryable<T>>? handler, int maxRetries)
    {
        _runtime = runtime;
        _nodeName = nodeName;
        _handler = handler;
        _maxRetries = maxRetries;
    }

    /// <summary>
    /// Returns true with the item to run again, or false when the item is dropped. A failure without a handler,
    /// or one that used up its retries, is reported to the flow's error callback.
    /// </summary>
    public bool TryRecover(Exception exception, T value, in ItemMeta meta, int attempt, out T retryValue)
    {
        retryValue = value;
        if (_runtime.IsCancelled)
        {
            return false;
        }

        if (_handler is null || attempt >= _maxRetries)
        {
            _runtime.ReportError(exception, meta.Session, _nodeName);
            return false;
        }

        var retryable = new Retryable<T>(value, attempt);
        try
        {
            _handler(exception, value, retryable);
        }
        catch (Exception handlerException)
        {
            _runtime.ReportError(handlerException, meta.Session, _nodeName);
            return false;
        }

        retryValue = retryable.Value;
        return retryable.IsRequested;
    }
}
