using System.Text.Json.Nodes;

namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>Runs one segment of a registered flow over a batch of items, as one preserved session.</summary>
public static class WaterflowRunner
{
    /// <summary>
    /// Builds a fresh flow from <paramref name="segment"/>, offers <paramref name="items"/> as one session that keeps
    /// input order, and returns the outputs once the session completes. A node failure that the flow's own error
    /// handlers did not recover fails the run with <see cref="WaterflowRunException"/>.
    /// </summary>
    public static async Task<WaterflowRun> RunAsync(
        string flowName,
        Func<FlowBuilder<JsonNode?, JsonNode?>, FlowBuilder<JsonNode?, JsonNode?>> segment,
        IReadOnlyList<JsonNode?> items,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        var outputs = new List<JsonNode?>();
        var failures = new List<Exception>();
        var gate = new object();

        var flow = segment(Flows.Create<JsonNode?>(new FlowOptions { Name = flowName, TimeProvider = timeProvider }))
            .Close(
                onResult: (item, _) =>
                {
                    lock (gate)
                    {
                        outputs.Add(item?.DeepClone());
                    }
                },
                onError: (exception, _) =>
                {
                    lock (gate)
                    {
                        failures.Add(exception);
                    }
                });

        try
        {
            var session = await flow.OfferAsync(items, preserved: true, cancellationToken).ConfigureAwait(false);
            await session.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            flow.Cancel();
            throw;
        }

        var metrics = flow.GetMetrics();
        flow.Finish();
        lock (gate)
        {
            if (failures.Count > 0)
            {
                throw new WaterflowRunException(flowName, failures);
            }

            return new WaterflowRun(outputs.ToList(), metrics);
        }
    }
}
