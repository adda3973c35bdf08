using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace ModelEngine.Workflows.Scripting.Liquid;

/// <summary>
/// A Liquid object whose members are looked up by name when a template reads them, so that a template that uses one
/// variable does not pay for converting all of them.
/// </summary>
internal sealed class ScopeLookupValue : ObjectValueBase
{
    private readonly Func<string, JsonNode?> _lookup;

    public ScopeLookupValue(Func<string, JsonNode?> lookup)
        : base(lookup)
    {
        _lookup = lookup;
    }

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        var value = _lookup(name);
        return value is null ? NilValue.Instance : Create(value, context.Options);
    }
}
