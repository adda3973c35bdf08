using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>
/// Counts the runtime's allocation-tick events (one about every 100 KB allocated) by type, a rough in-process
/// allocation profile for when dotnet-trace is not installed. Turned on by BENCH_ALLOC_TYPES=1.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    public void Print(int top)
    {
        var total = _counts.Values.Sum();
        foreach (var (type, count) in _counts.OrderByDescending(pair => pair.Value).Take(top))
        {
            Console.WriteLine($"{count * 100.0 / Math.Max(1, total),5:F1}%  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Enabled || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        if (index >= 0 && eventData.Payload[index] is string type)
        {
            _counts.AddOrUpdate(type, 1, static (_, count) => count + 1);
        }
    }
}
