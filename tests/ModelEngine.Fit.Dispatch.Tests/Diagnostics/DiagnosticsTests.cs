using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Dispatch.Tests.Fakes;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Remote;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Diagnostics;

/// <summary>Activity listeners are process-wide, so these tests do not run alongside the others.</summary>
[Collection(nameof(DiagnosticsCollection))]
public sealed class DiagnosticsTests
{
    private static readonly Contracts.GenericableDescriptor Summarize = Contract("diag.summarize", "text", "language");

    private static FitClient Create(RecordingLogger<FitClient> logger, IFitRemoteTransport? transport = null)
    {
        var options = new FitOptions { NodeId = "node-a" };
        RouteOf(options, "diag.summarize").When("language", "zh").Use("chinese");
        var registry = NewRegistry(Named(Summarize, "chinese"), Named(Summarize, "english", aliases: ["western"]), Named(Summarize, "french", aliases: ["western"]));
        registry.UpsertWorker(Worker("w1", "node-b", Descriptor("diag.summarize", "remote-only", aliases: ["western"])));
        return new FitClient(registry, options, transport is null ? null : new FakeCodec(), transport, logger);
    }

    /// <summary>Starts recording every stopped FIT activity into <paramref name="stopped"/> until disposed.</summary>
    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FitDiagnosticNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task DebugOn_LogsStructuredDecision()
    {
        var logger = new RecordingLogger<FitClient>(LogLevel.Debug);
        var client = Create(logger);

        await Within(client.InvokeAsync("diag.summarize", ["t", "zh"]));

        var entry = Assert.Single(logger.Entries, e => e.EventId == 6100);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("diag.summarize", entry.Fields["GenericableId"]);
        Assert.Equal("chinese", entry.Fields["FitableId"]);
        Assert.Equal("local", entry.Fields["WorkerId"]);
        var text = entry.Format();
        Assert.Contains("language == 'zh' -> chinese", text, StringComparison.Ordinal);
        Assert.Contains("english (rule:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugOn_RemoteDecisionNamesTheWorker()
    {
        var logger = new RecordingLogger<FitClient>(LogLevel.Debug);
        var transport = new FakeTransport((_, request, _) => Task.FromResult(FakeTransport.Ok(request, FitValue.Null)));
        var client = Create(logger, transport);

        await Within(client.InvokeAsync("diag.summarize", ["t", "en"], new FitCallOptions { FitableId = "remote-only" }));

        var entry = Assert.Single(logger.Entries, e => e.EventId == 6100);
        Assert.Equal("w1", entry.Fields["WorkerId"]);
        Assert.Equal("remote-only", entry.Fields["FitableId"]);
    }

    [Fact]
    public async Task DebugOn_DegradationLogsItsOwnDecision()
    {
        var fallback = Contract("diag.fallback", "text", "language");
        var options = new FitOptions { NodeId = "node-a" };
        RouteOf(options, "diag.fallback").When("language", "zh").Use("summarize-zh");
        var registry = NewRegistry(Failing(fallback, "summarize-zh", degradesTo: "summarize-truncate"), Named(fallback, "summarize-truncate"));
        var logger = new RecordingLogger<FitClient>(LogLevel.Debug);
        var client = new FitClient(registry, options, logger: logger);

        Assert.Equal("summarize-truncate", await Within(client.InvokeAsync("diag.fallback", ["t", "zh"])));

        var routed = logger.Entries.Where(e => e.EventId == 6100).ToArray();
        Assert.Equal(2, routed.Length);
        Assert.Equal("summarize-zh", routed[0].Fields["FitableId"]);
        Assert.Contains("summarize-truncate", (string)routed[0].Fields["Rejected"]!, StringComparison.Ordinal);
        Assert.Equal("summarize-truncate", routed[1].Fields["FitableId"]);
        Assert.Equal("degradation of 'summarize-zh'", routed[1].Fields["Rule"]);
        Assert.Equal("none", routed[1].Fields["Rejected"]);
    }

    [Fact]
    public async Task DebugOff_NeitherLogsNorFormats()
    {
        var logger = new RecordingLogger<FitClient>(LogLevel.Information);
        var client = Create(logger);

        for (var i = 0; i < 10; i++)
        {
            await Within(client.InvokeAsync("diag.summarize", ["t", "zh"]));
        }

        Assert.DoesNotContain(logger.Entries, e => e.Level < LogLevel.Information);
        Assert.Equal(0, logger.Formatted);
    }

    [Fact]
    public async Task Trace_RecordsCallAndAttemptWithRejectedCandidates()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var client = Create(new RecordingLogger<FitClient>(LogLevel.Information));

        var tooMany = await FailsAsync(client.InvokeAsync("diag.summarize", ["t", "zh"], new FitCallOptions { Alias = "western" }));
        await Within(client.InvokeAsync("diag.summarize", ["t", "zh"]));

        var calls = stopped.Where(a => a.OperationName == FitDiagnosticNames.CallActivity
            && (string?)a.GetTagItem(FitDiagnosticNames.GenericableTag) == "diag.summarize").ToArray();
        Assert.Equal(2, calls.Length);

        // The second call: the rule chose 'chinese' and left the three others out.
        var ruled = calls[1];
        Assert.Equal("chinese", ruled.GetTagItem(FitDiagnosticNames.ChosenTag));
        Assert.Equal("language == 'zh' -> chinese", ruled.GetTagItem(FitDiagnosticNames.RuleTag));
        var rejected = ruled.Events.Where(e => e.Name == FitDiagnosticNames.RejectedEvent)
            .Select(e => (string)e.Tags.First(t => t.Key == FitDiagnosticNames.FitableTag).Value!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["english", "french", "remote-only"], rejected);

        var attempt = Assert.Single(stopped, a => a.OperationName == FitDiagnosticNames.AttemptActivity && a.Parent == ruled);
        Assert.Equal("chinese", attempt.GetTagItem(FitDiagnosticNames.FitableTag));
        Assert.Equal("local", attempt.GetTagItem(FitDiagnosticNames.LocationTag));

        // The first call: the alias left 'chinese' out, the rule's target was gone, and three fitables were left.
        Assert.Equal(FitErrorCode.TooManyFitables, tooMany.Code);
        Assert.Equal(ActivityStatusCode.Error, calls[0].Status);
        Assert.Equal(nameof(FitErrorCode.TooManyFitables), calls[0].GetTagItem(FitDiagnosticNames.ErrorCodeTag));
    }

    [Fact]
    public async Task Trace_DegradedAttemptCarriesItsRule()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var fallback = Contract("diag.traced", "text");
        var client = NewClient(NewRegistry(Failing(fallback, "primary", degradesTo: "backup"), Named(fallback, "backup")));

        await Within(client.InvokeAsync("diag.traced", ["t"], new FitCallOptions { FitableId = "primary" }));

        var attempts = stopped.Where(a => a.OperationName == FitDiagnosticNames.AttemptActivity
            && (string?)a.GetTagItem(FitDiagnosticNames.GenericableTag) == "diag.traced").ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Null(attempts[0].GetTagItem(FitDiagnosticNames.RuleTag));
        Assert.Equal("backup", attempts[1].GetTagItem(FitDiagnosticNames.FitableTag));
        Assert.Equal("degradation of 'primary'", attempts[1].GetTagItem(FitDiagnosticNames.RuleTag));
        var degraded = Assert.Single(stopped.Single(a => a.OperationName == FitDiagnosticNames.CallActivity && a == attempts[1].Parent).Events, e => e.Name == "fit.degraded");
        Assert.Equal("degradation of 'primary'", degraded.Tags.First(t => t.Key == FitDiagnosticNames.RuleTag).Value);
    }

    [Fact]
    public async Task Metrics_CountCallsFailuresAndDuration()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Genericable)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FitDiagnosticNames.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Genericable(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Genericable(tags))));
        meters.Start();
        var client = Create(new RecordingLogger<FitClient>(LogLevel.Information));

        await Within(client.InvokeAsync("diag.summarize", ["t", "zh"]));
        await FailsAsync(client.InvokeAsync("diag.summarize", ["t", "en"]));

        var ours = measurements.Where(m => m.Genericable == "diag.summarize").ToArray();
        Assert.Equal(2, ours.Count(m => m.Instrument == "fit.calls"));
        Assert.Equal(1, ours.Count(m => m.Instrument == "fit.failures"));
        Assert.Equal(2, ours.Count(m => m.Instrument == "fit.duration"));
        Assert.Equal(0, ours.Where(m => m.Instrument == "fit.in_flight").Sum(m => m.Value));
        Assert.Equal(4, ours.Count(m => m.Instrument == "fit.in_flight"));
    }

    private static string? Genericable(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == FitDiagnosticNames.GenericableTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

[CollectionDefinition(nameof(DiagnosticsCollection), DisableParallelization = true)]
public sealed class DiagnosticsCollection;
