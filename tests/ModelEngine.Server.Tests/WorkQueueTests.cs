using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Hosting;

namespace ModelEngine.Server.Tests;

public sealed class WorkQueueTests
{
    [Fact]
    public void Enqueue_PastCapacity_MarksOverflow()
    {
        var queue = new WorkflowWorkQueue(Options.Create(new ExecutionOptions { QueueCapacity = 2 }), NullLogger<WorkflowWorkQueue>.Instance);

        queue.Enqueue("a");
        queue.Enqueue("b");
        Assert.False(queue.TakeOverflowMark(), "The queue reported an overflow below its capacity.");
        queue.Enqueue("c");

        Assert.True(queue.TakeOverflowMark(), "The third id did not mark the full queue as overflowed.");
        Assert.False(queue.TakeOverflowMark(), "Taking the overflow mark did not clear it.");
        Assert.True(queue.Reader.TryRead(out var first));
        Assert.Equal("a", first);
    }
}
