using System.Diagnostics.CodeAnalysis;

namespace ModelEngine.Waterflow.Workflows.Registration;

/// <summary>The flows registered with <c>AddWaterflow</c>, by name.</summary>
public sealed class WaterflowRegistry
{
    private readonly Dictionary<string, WaterflowDefinition> _flows;

    public WaterflowRegistry(IEnumerable<WaterflowDefinition> flows)
    {
        _flows = new Dictionary<string, WaterflowDefinition>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            if (!_flows.TryAdd(flow.Name, flow))
            {
                throw new InvalidOperationException($"Two Waterflow flows are registered under the name '{flow.Name}'. Give each flow its own name.");
            }
        }
    }

    public IEnumerable<string> Names => _flows.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out WaterflowDefinition? flow) => _flows.TryGetValue(name, out flow);
}
