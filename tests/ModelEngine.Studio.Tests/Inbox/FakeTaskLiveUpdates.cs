using ModelEngine.Studio.Api.Tasks;
using ModelEngine.Studio.Features.Inbox.Live;

namespace ModelEngine.Studio.Tests.Inbox;

/// <summary>Live updates without a hub: tests raise the events themselves.</summary>
internal sealed class FakeTaskLiveUpdates : ITaskLiveUpdates
{
    public event Action<TaskChange>? TaskChanged;

    public event Action? Reconnected;

    public int StartCount { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        StartCount++;
        return Task.CompletedTask;
    }

    public void Raise(TaskChange change) => TaskChanged?.Invoke(change);

    public void RaiseReconnected() => Reconnected?.Invoke();
}
