using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Workflows.Tests.Support;

/// <summary>A tool source over fixed functions, which records the names it was asked for.</summary>
internal sealed class FakeToolSource(string name, params AIFunction[] tools) : IFelToolSource
{
    public string Name => name;

    public List<IReadOnlyCollection<string>?> Requests { get; } = [];

    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken = default)
    {
        Requests.Add(names);
        IReadOnlyList<AIFunction> offered = names is null ? tools : tools.Where(tool => names.Contains(tool.Name)).ToList();
        return ValueTask.FromResult(offered);
    }
}
