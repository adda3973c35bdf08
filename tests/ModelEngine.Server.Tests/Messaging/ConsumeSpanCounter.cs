using System.Collections.Concurrent;
using System.Diagnostics;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>
/// Counts the finished consume spans of one operation by the value of one tag, such as the message id, so that a test
/// waits until every delivery it sent was handled.
/// </summary>
internal sealed class ConsumeSpanCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public ConsumeSpanCounter(string operationName, string tagName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == operationName && activity.GetTagItem(tagName) is string key)
                {
                    _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task WaitForAsync(string key, int count) => Eventually.WaitAsync(
        () => Task.FromResult(_counts.GetValueOrDefault(key)),
        handled => handled >= count,
        $"{count} consumed deliveries for {key}");

    public void Dispose() => _listener.Dispose();
}
