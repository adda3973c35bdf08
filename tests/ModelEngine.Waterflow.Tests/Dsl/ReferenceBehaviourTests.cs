namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// The behaviours the Java Waterflow engine pins in its own tests, with the same inputs and expected values,
/// plus the map, window and reduce example from the Waterflow issue.
/// </summary>
public sealed class ReferenceBehaviourTests
{
    [Fact]
    public async Task MapChain_Batch_EmitsEveryItem()
    {
        var results = new Results<string>();
        var flow = Flows.Create<int>()
            .Map(x => x + 1)
            .Map(x => x * 2)
            .Map(x => x + "-okay")
            .Close(results.Add);

        var session = flow.Offer([1, 2, 3, 4, 5]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(5, results.Items.Count);
        Assert.Contains("12-okay", results.Items);
    }

    [Fact]
    public async Task Reduce_OneBatch_EmitsOnce()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Map(x => x).Reduce(() => 0, (sum, x) => sum + x).Map(sum => sum).Close(results.Add);

        var session = flow.Offer([1, 2, 3, 4, 5]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([15], results.Items);
    }

    [Fact]
    public async Task Reduce_SingleOffersThenComplete_EmitsOnce()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Map(x => x).Reduce(() => 0, (sum, x) => sum + x).Close(results.Add);
        var session = flow.DefaultSession;

        flow.Offer(0);
        flow.Offer(1);
        flow.Complete();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([1], results.Items);
    }

    [Fact]
    public async Task Reduce_ExplicitSessionCompleted_Emits21Once()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Reduce(() => 0, (sum, x) => sum + x).Close(results.Add);
        var session = new FlowSession();

        for (var i = 1; i <= 6; i++)
        {
            flow.Offer(i, session);
        }

        session.Complete();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([21], results.Items);
    }

    [Fact]
    public async Task CountWindow_PartialLastWindow_Flushes()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Window(2).Reduce(() => 0, (count, _) => count + 1).Close(results.Add);
        var session = new FlowSession();

        for (var i = 0; i < 5; i++)
        {
            flow.Offer(i, session);
        }

        session.Complete();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([2, 2, 1], results.Items);
    }

    [Fact]
    public async Task MapWindowReduce_OneToSix_Emits12And30()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().Map(x => x * 2).Window(3).Reduce(() => 0, (sum, x) => sum + x).Close(results.Add);

        var session = flow.Offer([1, 2, 3, 4, 5, 6]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([12, 30], results.Items);
    }

    [Fact]
    public async Task NestedWindows_Batch_Emits6And14And5()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Window(2).Reduce(() => 0, (sum, x) => sum + x)
            .Window(2).Reduce(() => 0, (sum, x) => sum + x)
            .Close(results.Add);

        var session = flow.Offer([1, 1, 2, 2, 3, 3, 4, 4, 5]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([6, 14, 5], results.Items);
    }

    [Fact]
    public async Task Unify_FourBatches_Emits2226Then7777()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .Reduce(() => 0, (sum, x) => sum + x)
            .Unify()
            .Window(2).Reduce(() => 0, (sum, x) => sum + x)
            .Close(results.Add);

        flow.Offer([1, 1, 1, 1]);
        flow.Offer([2, 20, 200, 2000]);
        flow.Offer([3, 30, 300, 3000]);
        flow.Offer([4, 40, 400, 4000]);
        await Waits.UntilAsync(() => results.Items.Count == 2, "two unified windows");

        Assert.Equal([2226, 7777], results.Items);
    }

    [Fact]
    public async Task PreservedSession_ReverseFinish_InOrder()
    {
        var results = new Results<int>();
        var done = new Results<string>();
        var finished = Enumerable.Range(0, 7).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        finished[6].SetResult();
        var flow = Flows.Create<int>()
            .Map(async (x, cancellationToken) =>
            {
                // Item i finishes only after item i + 1 did, so completion order is the reverse of input order.
                await finished[x + 1].Task.WaitAsync(Waits.Timeout, cancellationToken);
                finished[x].SetResult();
                return x * 10 + 10;
            })
            .Concurrency(5)
            .Close(results.Add, done.SessionCompleted);

        var session = flow.Offer([1, 2, 3, 4, 5], preserved: true);
        await session.Completion.WaitAsync(Waits.Timeout);
        await Waits.UntilAsync(() => done.CompletedSessions.Count == 1, "the session-complete callback");

        Assert.Equal([20, 30, 40, 50, 60], results.Items);
        Assert.Equal([session.Id], done.CompletedSessions);
    }

    [Fact]
    public async Task PreservedSession_FlatMapThenReduce_KeepsOrder()
    {
        var results = new Results<string>();
        var finished = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        finished[5].SetResult();
        var flow = Flows.Create<int>()
            .Map(async (x, cancellationToken) =>
            {
                await finished[x + 1].Task.WaitAsync(Waits.Timeout, cancellationToken);
                finished[x].SetResult();
                return x;
            })
            .Concurrency(4)
            .FlatMap(x => new[] { $"{x}-0", $"{x}-1" })
            .Reduce(() => "", (text, part) => text.Length == 0 ? part : text + "|" + part)
            .Close(results.Add);

        var session = flow.Offer([1, 2, 3, 4], preserved: true);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["1-0|1-1|2-0|2-1|3-0|3-1|4-0|4-1"], results.Items);
    }

    [Fact]
    public async Task FlatMapReduce_OneAndTwo_Emits62()
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>().FlatMap(n => new[] { n * 10, n * 10 + 1 }).Reduce(() => 0, (sum, x) => sum + x).Close(results.Add);

        var session = flow.Offer([1, 2]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([62], results.Items);
    }

    [Fact]
    public async Task FlatMapReduce_PreservedConcatenation_KeepsOrder()
    {
        var results = new Results<string>();
        var flow = Flows.Create<int>()
            .FlatMap(n => new[] { n * 10, n * 10 + 1 })
            .Reduce(() => "", (text, x) => text + x)
            .Close(results.Add);

        var session = flow.Offer([1, 2, 3], preserved: true);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(["101120213031"], results.Items);
    }

    [Fact]
    public async Task Block_VerifyAboveSix_ReleasesThree()
    {
        var results = new Results<string>();
        var block = new FlowBlock<int>(verify: d => d > 6);
        var flow = Flows.Create<int>()
            .Map(x => x + 1)
            .Map(x => x * 2)
            .Block(block)
            .Map(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Close(results.Add);

        flow.Offer([1, 2, 3, 4, 5]);
        await Waits.UntilAsync(() => block.Count == 5, "five held items");
        var released = block.Resume();
        await Waits.UntilAsync(() => results.Items.Count == 3, "three released items at the end");

        Assert.Equal(3, released);
        Assert.Equal(["8", "10", "12"], results.Items.OrderBy(int.Parse));
        Assert.Equal([4, 6], block.Held.Select(item => item.Value));
    }
}
