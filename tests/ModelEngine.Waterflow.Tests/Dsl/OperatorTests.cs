using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ModelEngine.Waterflow.Tests;

public sealed class OperatorTests
{
    [Fact]
    public async Task Process_Collector_EmitsEveryCollectedItem()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Process<int>((x, collector) =>
            {
                for (var i = 0; i < x; i++)
                {
                    collector.Collect(x);
                }
            })
            .Close(results.Add);

        await flow.Offer([1, 2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([1, 2, 2, 3, 3, 3], results.Items.Order());
    }

    [Fact]
    public async Task Where_Predicate_DropsRejectedItems()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Where(x => x % 2 == 0).Close(results.Add);

        await flow.Offer(Enumerable.Range(1, 10)).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([2, 4, 6, 8, 10], results.Items);
    }

    [Fact]
    public async Task Buffer_CountThree_EmitsListsAndPartialTail()
    {
        var results = new Results<IReadOnlyList<int>>();
        var flow = Flows.Create<int>().Buffer(3).Close(results.Add);

        await flow.Offer(Enumerable.Range(1, 7)).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([[1, 2, 3], [4, 5, 6], [7]], results.Items.Select(list => list.ToArray()));
    }

    [Fact]
    public async Task Produce_WholeSession_MapsListToOutputs()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Produce(list => new[] { list.Sum(), list.Count }).Close(results.Add);

        await flow.Offer([1, 2, 3, 4]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([10, 4], results.Items);
    }

    [Fact]
    public async Task KeyBy_ThenReduce_SumsPerKey()
    {
        var results = new Results<Keyed<string, int>>();
        var flow = Flows.Create<int>()
            .KeyBy(x => x % 2 == 0 ? "even" : "odd")
            .Reduce(() => new Keyed<string, int>("", 0), (acc, item) => new Keyed<string, int>(item.Key, acc.Value + item.Value))
            .Close(results.Add);

        await flow.Offer(Enumerable.Range(1, 6)).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([("even", 12), ("odd", 9)], results.Items.Select(k => (k.Key, k.Value)).OrderBy(k => k.Key));
    }

    [Fact]
    public async Task Conditions_FirstMatchWins_OthersDropsRest()
    {
        var results = new Results<string>();
        var flow = Flows.Create<int>()
            .Conditions()
            .Match(x => x > 5, branch => branch.Map(x => "big " + x))
            .Match(x => x > 2, branch => branch.Map(x => "mid " + x))
            .When(x => x == 1, x => "one")
            .Others()
            .Close(results.Add);

        await flow.Offer([1, 2, 3, 6]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["big 6", "mid 3", "one"], results.Items.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Conditions_OthersBranch_ReceivesUnmatched()
    {
        var results = new Results<string>();
        var flow = Flows.Create<int>()
            .Conditions()
            .When(x => x > 2, x => "big")
            .Others(branch => branch.Map(x => "small"))
            .Close(results.Add);

        await flow.Offer([1, 2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["big", "small", "small"], results.Items.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MatchTo_Loop_RepeatsUntilConditionFails()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Map(x => x + 1).Id("increment")
            .Conditions()
            .MatchTo(x => x < 10, loop => loop.To("increment"))
            .Others(done => done)
            .Close(results.Add);

        var session = flow.Offer([0, 5, 20]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([10, 10, 21], results.Items.Order());
    }

    [Fact]
    public async Task MatchTo_OthersWithoutBranch_DropsLeavers()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Map(x => x + 1).Id("increment")
            .Conditions()
            .MatchTo(x => x < 10, loop => loop.To("increment"))
            .Others()
            .Close(results.Add);

        await flow.Offer([0, 5]).Completion.WaitAsync(Waits.Timeout);

        Assert.Empty(results.Items);
        Assert.Equal(10 + 5, flow.GetMetrics().Single(m => m.Node == "increment").ItemsIn);
    }

    [Fact]
    public async Task Parallel_AllMode_JoinsEveryBranch()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Parallel()
            .Fork(branch => branch.Map(x => x * 10))
            .Fork(branch => branch.Map(x => x * 100).Concurrency(2))
            .Join(() => 0, (sum, x) => sum + x)
            .Close(results.Add);

        await flow.Offer([1, 2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([110, 220, 330], results.Items.Order());
    }

    [Fact]
    public async Task Parallel_AnyMode_EmitsOnePerItem()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Parallel(ParallelMode.Any)
            .Fork(branch => branch.Map(x => x))
            .Fork(branch => branch.Map(x => x))
            .Join(() => 0, (_, x) => x)
            .Close(results.Add);

        await flow.Offer([1, 2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([1, 2, 3], results.Items.Order());
    }

    [Fact]
    public async Task OfferAtNode_NamedNode_SkipsItsFunction()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Map(x => x * 1000).Id("scale").Map(x => x + 1).Close(results.Add);

        await flow.OfferAsync("scale", 5).AsTask().WaitAsync(Waits.Timeout);
        flow.Complete();
        await Waits.UntilAsync(() => results.Items.Count == 1, "the injected item at the end");

        Assert.Equal([6], results.Items);
    }

    [Fact]
    public async Task OfferAtNode_Synchronous_ReachesEnd()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Map(x => x * 1000).Id("scale").Map(x => x + 1).Close(results.Add);

        flow.Offer("scale", 7);
        flow.Complete();
        await Waits.UntilAsync(() => results.Items.Count == 1, "the injected item at the end");

        Assert.Equal([8], results.Items);
    }

    [Fact]
    public async Task OfferAtNode_WrongType_Throws()
    {
        var flow = Flows.Create<int>().Map(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).Id("text").Close(_ => { });

        await Assert.ThrowsAsync<ArgumentException>(() => flow.OfferAsync("text", 5).AsTask()).WaitAsync(Waits.Timeout);
    }

    [Fact]
    public async Task Error_HandlerRetries_ItemSucceeds()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Map(x => x < 0 ? throw new InvalidOperationException("negative") : x * 2)
            .Error<int>((_, item, retry) => retry.Retry(-item))
            .Close(results.Add);

        await flow.Offer([1, -2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([2, 4, 6], results.Items.Order());
    }

    [Fact]
    public async Task Error_NoHandler_ReportsAndDropsItem()
    {
        var results = new Results<int>();
        var errors = new Results<Exception>();
        var flow = Flows.Create<int>()
            .Map(x => x == 2 ? throw new InvalidOperationException("two") : x)
            .Close(results.Add, onError: (exception, _) => errors.Add(exception));

        await flow.Offer([1, 2, 3]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([1, 3], results.Items.Order());
        Assert.Equal("two", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task Error_NoCallback_FailsFlow()
    {
        var flow = Flows.Create<int>().Map(x => x == 2 ? throw new InvalidOperationException("two") : x).Close(_ => { });

        flow.Offer([1, 2, 3]);

        var failure = await Assert.ThrowsAsync<FlowNodeException>(() => flow.Completion).WaitAsync(Waits.Timeout);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public async Task TimeWindow_FakeClockAdvances_EmitsWindow()
    {
        var time = new FakeTimeProvider();
        var results = new Results<int>();
        var flow = Flows.Create<int>(new FlowOptions { TimeProvider = time })
            .Window(TimeSpan.FromSeconds(1))
            .Reduce(() => 0, (sum, x) => sum + x)
            .Close(results.Add);

        flow.Offer(1);
        flow.Offer(2);
        await Waits.UntilAsync(() => flow.GetMetrics().Single(m => m.Kind == "reduce").ItemsIn == 2, "two items in the window");
        Assert.Empty(results.Items);
        time.Advance(TimeSpan.FromSeconds(1));
        await Waits.UntilAsync(() => results.Items.Count == 1, "the first time window");
        flow.Offer(4);
        await Waits.UntilAsync(() => flow.GetMetrics().Single(m => m.Kind == "reduce").ItemsIn == 3, "the third item in a new window");
        time.Advance(TimeSpan.FromSeconds(1));
        await Waits.UntilAsync(() => results.Items.Count == 2, "the second time window");

        Assert.Equal([3, 4], results.Items);
    }

    [Fact]
    public async Task ConditionWindow_LargeItem_ClosesWindow()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Window(info => info.Item >= 10)
            .Reduce(() => 0, (sum, x) => sum + x)
            .Close(results.Add);

        await flow.Offer([1, 2, 10, 3, 12, 4]).Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([13, 15, 4], results.Items);
    }

    [Fact]
    public async Task Block_ReleaseById_AfterJsonRoundTrip()
    {
        var results = new Results<int>();
        var block = new FlowBlock<int>();
        var flow = Flows.Create<int>().Block(block).Close(results.Add);

        var session = flow.Offer([7, 8, 9]);
        await Waits.UntilAsync(() => block.Count == 3, "three held items");
        var stored = JsonSerializer.Serialize(block.Held);
        var restored = JsonSerializer.Deserialize<List<HeldItem<int>>>(stored)!;
        var released = block.Release(restored.Where(item => item.Value != 8).Select(item => item.Id));
        var dropped = block.Drop(restored.Where(item => item.Value == 8).Select(item => item.Id));
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(2, released);
        Assert.Equal(1, dropped);
        Assert.Equal([7, 9], results.Items.Order());
        Assert.All(restored, item => Assert.Equal(session.Id, item.SessionId));
    }

    [Fact]
    public async Task Block_ResumePredicate_ReleasesMatching()
    {
        var results = new Results<int>();
        var block = new FlowBlock<int>();
        var flow = Flows.Create<int>().Block(block).Close(results.Add);

        flow.Offer([1, 2, 3, 4]);
        await Waits.UntilAsync(() => block.Count == 4, "four held items");
        var released = block.Resume(x => x % 2 == 0);
        await Waits.UntilAsync(() => results.Items.Count == 2, "two released items");

        Assert.Equal(2, released);
        Assert.Equal([2, 4], results.Items.Order());
        Assert.Equal([1, 3], block.Held.Select(item => item.Value));
    }

    [Fact]
    public async Task SessionComplete_ManySessions_FiresOncePerSession()
    {
        var done = new Results<string>();
        var flow = Flows.Create<int>().Map(x => x).Concurrency(3).Reduce(() => 0, (sum, x) => sum + x).Close((_, _) => { }, done.SessionCompleted);

        var sessions = Enumerable.Range(0, 50).Select(i => flow.Offer(Enumerable.Range(0, i))).ToList();
        await Task.WhenAll(sessions.Select(s => s.Completion)).WaitAsync(Waits.Timeout);
        await Waits.UntilAsync(() => done.CompletedSessions.Count >= 50, "fifty session-complete callbacks");

        Assert.Equal(sessions.Select(s => s.Id).Order(StringComparer.Ordinal), done.CompletedSessions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Finish_AllSessionsDone_CompletesFlow()
    {
        var flow = Flows.Create<int>().Map(x => x).Close(_ => { });

        flow.Offer(1);
        flow.Offer([2, 3]);
        flow.Finish();

        await flow.Completion.WaitAsync(Waits.Timeout);
        Assert.Throws<InvalidOperationException>(() => flow.Offer(4));
    }

    [Fact]
    public void Window_WithoutReduce_Throws()
    {
        var builder = Flows.Create<int>().Window(2);

        Assert.Throws<InvalidOperationException>(() => builder.Map(x => x));
    }

    [Fact]
    public void Concurrency_OnReduce_ThrowsAtClose()
    {
        var builder = Flows.Create<int>().Reduce((a, b) => a + b).Concurrency(2);

        Assert.Throws<InvalidOperationException>(() => builder.Close(_ => { }));
    }

    [Fact]
    public void To_UnknownId_ThrowsAtClose()
    {
        var builder = Flows.Create<int>().Conditions().MatchTo(x => x > 1, loop => loop.To("missing")).Others();

        Assert.Throws<InvalidOperationException>(() => builder.Close(_ => { }));
    }
}
