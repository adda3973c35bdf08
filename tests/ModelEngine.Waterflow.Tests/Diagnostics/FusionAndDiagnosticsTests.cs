using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ModelEngine.Waterflow.Tests;

public sealed class FusionAndDiagnosticsTests
{
    [Fact]
    public async Task Fusion_SyncMaps_OneThread()
    {
        var threads = new ConcurrentQueue<(int Item, int Stage, int Thread)>();
        var flow = Flows.Create<int>()
            .Map(x => Record(x, 1))
            .Map(x => Record(x, 2))
            .Map(x => Record(x, 3))
            .Close(_ => { });

        await flow.Offer(Enumerable.Range(0, 200)).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(1, flow.GetMetrics().Count(m => m.CreditWindow is not null));
        Assert.All(threads.GroupBy(t => t.Item), item => Assert.Single(item.Select(t => t.Thread).Distinct()));

        int Record(int item, int stage)
        {
            threads.Enqueue((item, stage, Environment.CurrentManagedThreadId));
            return item;
        }
    }

    [Fact]
    public async Task Fusion_ConcurrencyAndAsync_AddBoundaries()
    {
        var flow = Flows.Create<int>()
            .Map(x => x)
            .Map(x => x).Concurrency(2)
            .Map(x => x)
            .Map(async (x, _) =>
            {
                await Task.Yield();
                return x;
            })
            .Map(x => x)
            .Close(_ => { });

        await flow.Offer(Enumerable.Range(0, 100)).Completion.WaitAsync(Waits.Timeout);

        var withEdges = flow.GetMetrics().Where(m => m.CreditWindow is not null).Select(m => m.Node).ToList();
        Assert.Equal(["start0", "map2", "map3", "map4", "map5"], withEdges);
    }

    [Fact]
    public void ToMermaid_FusedChain_RendersPlainArrows()
    {
        var flow = Flows.Create<int>(new FlowOptions { Name = "chain", CreditWindow = 16 })
            .Map(x => x * 2)
            .Window(3).Reduce(() => 0, (sum, x) => sum + x)
            .Close(_ => { });

        var expected = """
            flowchart LR
              n0["start"]
              n1["map"]
              n2["reduce (window 3)"]
              n3["end"]
              n0 --> n1
              n1 --> n2
              n2 --> n3

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), flow.ToMermaid());
    }

    [Fact]
    public void ToMermaid_BranchesAndLoop_Labels()
    {
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 16 })
            .Map(x => x + 1).Id("inc")
            .Conditions()
            .MatchTo(x => x < 10, loop => loop.To("inc"))
            .Others(rest => rest.Map(x => x).Concurrency(4))
            .Close(_ => { });

        var expected = """
            flowchart LR
              n0["start"]
              n1["map inc"]
              n2["conditions"]
              n3["map x4"]
              n4["merge"]
              n5["end"]
              n0 ==>|"credits 16"| n1
              n1 ==>|"credits 16"| n2
              n2 ==>|"branch 1, credits 16"| n3
              n2 -.->|"branch 0, to inc"| n1
              n3 ==>|"credits 16"| n4
              n4 --> n5

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), flow.ToMermaid());
    }

    [Fact]
    public async Task Metrics_Listener_ReceivesNodeInstruments()
    {
        var name = "metrics-" + Guid.NewGuid().ToString("N");
        var flow = Flows.Create<int>(new FlowOptions { Name = name }).Map(x => x).Id("double").Map(x => x * 2).Close(_ => { });
        await flow.Offer(Enumerable.Range(0, 5)).Completion.WaitAsync(Waits.Timeout);
        var measurements = new ConcurrentDictionary<(string Instrument, string Node), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "ModelEngine.Waterflow")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(5, measurements[("waterflow.node.items_in", "double")]);
        Assert.Equal(5, measurements[("waterflow.node.items_out", "map2")]);
        // Five items are fewer than half the window, so their credits are not granted back yet.
        Assert.Equal(1024 - 5, measurements[("waterflow.edge.credits", "map2")]);
        Assert.Equal(0, measurements[("waterflow.edge.queue_length", "map2")]);
        Assert.Equal(1024, measurements[("waterflow.edge.window", "start0")]);
        Assert.True(measurements[("waterflow.node.busy_time", "start0")] > 0);

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? flowName = null;
            string? node = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "flow")
                {
                    flowName = (string?)tag.Value;
                }
                else if (tag.Key == "node")
                {
                    node = (string?)tag.Value;
                }
            }

            if (flowName == name && node is not null)
            {
                measurements[(instrument.Name, node)] = value;
            }
        }
    }
}
