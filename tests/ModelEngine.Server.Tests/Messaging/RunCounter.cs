using System.Collections.Concurrent;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>The name of the in-process test host that runs an activity, registered once per host.</summary>
public sealed record TestNodeName(string Value);

/// <summary>
/// Records, for each instance, the test hosts that executed it. Hosts in one test process share this static record,
/// so a test reads every execution on every node.
/// </summary>
[Activity("Test", "Test", "Records the node that runs it.")]
public sealed class CountRun : Activity
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Runs = new(StringComparer.Ordinal);

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var node = context.Services.GetRequiredService<TestNodeName>().Value;
        Runs.GetOrAdd(context.WorkflowInstanceId, _ => new ConcurrentQueue<string>()).Enqueue(node);

        // A short pause keeps a node's workers busy, so that the broker hands messages to the other node too.
        await Task.Delay(TimeSpan.FromMilliseconds(50), context.CancellationToken);
        await context.CompleteAsync();
    }
}
