using ModelEngine.Fit.Client;
using ModelEngine.Waterflow;

namespace ModelEngine.Fit.Workflows.Waterflow;

/// <summary>Waterflow nodes that call FIT operators.</summary>
public static class OperatorFlowExtensions
{
    /// <summary>
    /// Adds a 1→1 node that calls genericable <paramref name="genericableId"/> once per item and emits the converted
    /// result. The node is an asynchronous map: it runs on its own stage behind a credit edge, so the number of calls
    /// in flight never exceeds the edge's credit window (nor the node's <c>Concurrency</c>, 1 unless raised), and a slow
    /// operator slows the flow's input down instead of queueing items without bound. Cancelling the flow cancels the
    /// calls in flight.
    /// </summary>
    /// <typeparam name="TFlowIn">The type of the items offered to the flow.</typeparam>
    /// <typeparam name="T">The type of the items reaching this node.</typeparam>
    /// <typeparam name="TResult">
    /// The result type. A result of another type is converted: JSON by deserialization, a shared-memory payload to a
    /// string or bytes, a primitive by <see cref="Convert.ChangeType(object, Type, IFormatProvider)"/>.
    /// </typeparam>
    /// <param name="flow">The flow to extend.</param>
    /// <param name="client">The FIT client that makes the calls.</param>
    /// <param name="genericableId">The operator to call.</param>
    /// <param name="arguments">Builds the positional arguments of the call from an item.</param>
    /// <param name="options">Routing, retry and timeout settings shared by every call of the node.</param>
    /// <remarks>
    /// A failed call throws <see cref="FitException"/> from the node: an <c>Error</c> handler on the node may retry
    /// the item, otherwise the failure goes to the flow's error callback.
    /// </remarks>
    public static FlowBuilder<TFlowIn, TResult> InvokeOperator<TFlowIn, T, TResult>(
        this FlowBuilder<TFlowIn, T> flow,
        IFitClient client,
        string genericableId,
        Func<T, object?[]> arguments,
        FitCallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(genericableId);
        ArgumentNullException.ThrowIfNull(arguments);
        return flow.Map<TResult>(async (item, cancellationToken) =>
        {
            var result = await client.InvokeAsync(genericableId, arguments(item), options, cancellationToken).ConfigureAwait(false);
            return OperatorResultConverter.Convert<TResult>(result, genericableId);
        });
    }

    /// <summary>
    /// Adds a 1→1 node that calls genericable <paramref name="genericableId"/> once per item and emits the result as the
    /// client returned it. See <see cref="InvokeOperator{TFlowIn, T, TResult}"/> for backpressure and errors.
    /// </summary>
    /// <remarks>A result that is a <see cref="SharedMemory.FitPayload"/> is emitted as it is, and the downstream consumer must dispose it.</remarks>
    public static FlowBuilder<TFlowIn, object?> InvokeOperator<TFlowIn, T>(
        this FlowBuilder<TFlowIn, T> flow,
        IFitClient client,
        string genericableId,
        Func<T, object?[]> arguments,
        FitCallOptions? options = null) =>
        flow.InvokeOperator<TFlowIn, T, object?>(client, genericableId, arguments, options);
}
