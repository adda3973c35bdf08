using ModelEngine.Waterflow;

namespace ModelEngine.Fel;

/// <summary>Starts FEL flows: Waterflow flows with model, prompt, retrieval and parsing operators.</summary>
public static class AiFlows
{
    /// <summary>Starts a flow whose items are of type <typeparamref name="T"/>.</summary>
    public static AiFlowBuilder<T, T> Create<T>(FlowOptions? options = null) =>
        new(Flows.Create<T>(options), new AiFlowContext());
}
