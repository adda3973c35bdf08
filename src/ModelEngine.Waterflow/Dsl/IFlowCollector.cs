namespace ModelEngine.Waterflow;

/// <summary>Receives the outputs of a <c>Process</c> node; each call to <see cref="Collect"/> emits one item.</summary>
public interface IFlowCollector<in T>
{
    /// <summary>The session of the item being processed.</summary>
    FlowSession Session { get; }

    void Collect(T item);
}
