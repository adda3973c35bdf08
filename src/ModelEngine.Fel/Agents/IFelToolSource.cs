using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>
/// Supplies tools to an agent: FIT operators, sub-workflows, MCP servers. Each tool is an <see cref="AIFunction"/>
/// whose JSON schema is valid JSON Schema (<c>required</c> and <c>examples</c> are arrays).
/// </summary>
public interface IFelToolSource
{
    /// <summary>A short name for messages, such as <c>fit</c>, <c>workflows</c> or <c>mcp:files</c>.</summary>
    string Name { get; }

    /// <summary>Returns the tools whose names are in <paramref name="names"/>, or every tool when it is <see langword="null"/>.</summary>
    ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken = default);
}
