namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>The tool calls of one agent run, in the order they finished. Tools may run on other threads, so adds take a lock.</summary>
internal sealed class ToolCallLog
{
    private readonly Lock _lock = new();
    private readonly List<ToolCallRecord> _calls = [];

    public IReadOnlyList<ToolCallRecord> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    public void Add(ToolCallRecord call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }
}
