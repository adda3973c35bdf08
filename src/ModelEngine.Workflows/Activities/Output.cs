using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Activities;

/// <summary>An activity output; when <see cref="MemoryReference"/> is set, the value is also stored in that variable.</summary>
public class Output
{
    public MemoryReference? MemoryReference { get; set; }

    public string? TypeName { get; set; }
}
