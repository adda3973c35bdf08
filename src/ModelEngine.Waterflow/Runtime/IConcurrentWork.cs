namespace ModelEngine.Waterflow;

/// <summary>The user function of a node that runs on a concurrent stage (concurrency above 1 or asynchronous work).</summary>
internal interface IConcurrentWork<TIn, TOut>
{
    /// <summary>Whether the function returns a task that may complete later, so it is started on the dispatching thread.</summary>
    bool IsAsync { get; }

    /// <summary>Runs the function for one item and adds its outputs to <paramref name="outputs"/>.</summary>
    ValueTask RunAsync(TIn value, FlowSession session, List<TOut> outputs, CancellationToken cancellationToken);
}
