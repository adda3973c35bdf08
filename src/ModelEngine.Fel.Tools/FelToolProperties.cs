namespace ModelEngine.Fel.Tools;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.AIFunction.AdditionalProperties"/> that every FEL tool sets, so that
/// journals and logs can name the operator, workflow or MCP tool behind a tool name.
/// </summary>
public static class FelToolProperties
{
    /// <summary>The <see cref="IFelToolSource.Name"/> of the source, such as <c>fit</c> or <c>mcp:files</c>.</summary>
    public const string Source = "fel.source";

    /// <summary>The original id: the genericable id, the workflow definition id or the MCP tool name.</summary>
    public const string Id = "fel.id";
}
