using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.MassTransit.Telemetry;

/// <summary>
/// Watches the FIT bus's receive endpoints: logs when one loses RabbitMQ and when it recovers, stores the last cause
/// so that errors can name it, and lets callers wait until an endpoint is ready.
/// </summary>
public sealed class FitBusConnectionMonitor : IReceiveEndpointObserver, IBusObserver
{
    private readonly ILogger<FitBusConnectionMonitor> _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Per endpoint name (the last path segment of its address), its state.</summary>
    private readonly ConcurrentDictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);

    public FitBusConnectionMonitor(ILogger<FitBusConnectionMonitor> logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>Raised with the endpoint name when an endpoint faults, for example because the broker went away.</summary>
    public event Action<string, Exception?>? EndpointFaulted;

    /// <summary>The last connection failure any endpoint reported, or <see langword="null"/> while none is down.</summary>
    public Exception? LastFault { get; private set; }

    /// <summary>Whether any endpoint is down now.</summary>
    public bool IsDegraded => _endpoints.Values.Any(s => s.DownSince is not null);

    /// <summary>Completes when the endpoint named <paramref name="name"/> is consuming.</summary>
    public Task WaitReadyAsync(string name, CancellationToken cancellationToken) =>
        Get(name).Ready.Task.WaitAsync(cancellationToken);

    /// <summary>Returns whether the endpoint named <paramref name="name"/> has started and is not down now.</summary>
    public bool IsUp(string name) => _endpoints.TryGetValue(name, out var state) && state.Ready.Task.IsCompleted && state.DownSince is null;

    /// <summary>Describes the bus state for an error message.</summary>
    public string DescribeState() => LastFault is { } fault && IsDegraded
        ? $"the FIT bus has lost RabbitMQ ({fault.GetType().Name}: {fault.Message})"
        : "the FIT bus reports no connection fault";

    public Task Ready(ReceiveEndpointReady ready)
    {
        var name = NameOf(ready.InputAddress);
        var state = Get(name);
        if (state.DownSince is { } since)
        {
            state.DownSince = null;
            FitBusLog.EndpointRecovered(_logger, name, _timeProvider.GetUtcNow() - since);
            if (!IsDegraded)
            {
                LastFault = null;
            }
        }

        state.Ready.TrySetResult();
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        var name = NameOf(faulted.InputAddress);
        var state = Get(name);
        LastFault = faulted.Exception;
        if (state.DownSince is null)
        {
            state.DownSince = _timeProvider.GetUtcNow();
            FitBusLog.EndpointFaulted(_logger, name, faulted.Exception);
        }

        EndpointFaulted?.Invoke(name, faulted.Exception);
        return Task.CompletedTask;
    }

    // Connected as a bus observer, the monitor attaches itself to every endpoint of the FIT bus, its own queue included.
    public void PostCreate(IBus bus) => bus.ConnectReceiveEndpointObserver(this);

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    /// <summary>Returns the endpoint name of an address: its last path segment, without the query.</summary>
    internal static string NameOf(Uri address) => address.AbsolutePath.TrimEnd('/').Split('/')[^1];

    private EndpointState Get(string name) => _endpoints.GetOrAdd(name, static _ => new EndpointState());

    private sealed class EndpointState
    {
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset? DownSince { get; set; }
    }
}
