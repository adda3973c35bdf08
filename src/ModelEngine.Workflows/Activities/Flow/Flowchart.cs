using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Flow;

/// <summary>
/// A graph of activities joined by connections. Each connection that fires carries a token to its target, which runs
/// once per token unless the target joins (<see cref="JoinMode"/>). The flowchart completes when none of its
/// activities is scheduled, running or waiting.
/// </summary>
[Activity("ModelEngine", "Flow", "A graph of activities joined by connections.", Aliases = ["Elsa.Flowchart"], IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    internal const string JoinsProperty = "joins";

    private Dictionary<string, Activity> _activitiesById = new(StringComparer.Ordinal);
    private Dictionary<string, List<Connection>> _outbound = new(StringComparer.Ordinal);
    private Dictionary<string, List<Connection>> _inbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string From, string To, string Excluded), bool> _reachability = new();

    public List<Activity> Activities { get; set; } = [];

    public List<Connection> Connections { get; set; } = [];

    /// <summary>The id of the activity to start from, when the definition names one.</summary>
    public string? Start { get; set; }

    protected internal override bool AutoComplete => false;

    public override IEnumerable<Activity> GetChildActivities() => Activities;

    /// <summary>Builds the lookups that execution uses. The loader calls it once the activities and connections are set.</summary>
    internal void Seal()
    {
        _activitiesById = Activities.ToDictionary(activity => activity.Id, StringComparer.Ordinal);
        _outbound = GroupConnections(Connections.Where(c => _activitiesById.ContainsKey(c.TargetActivity)), c => c.SourceActivity);
        _inbound = GroupConnections(Connections.Where(c => _activitiesById.ContainsKey(c.SourceActivity)), c => c.TargetActivity);
    }

    public IReadOnlyList<Connection> GetInbound(string activityId) =>
        _inbound.TryGetValue(activityId, out var list) ? list : [];

    public IReadOnlyList<Connection> GetOutbound(string activityId) =>
        _outbound.TryGetValue(activityId, out var list) ? list : [];

    public Activity? FindActivity(string id) => _activitiesById.GetValueOrDefault(id);

    /// <summary>
    /// Picks where to start: the activity named by <see cref="Start"/>, else a Start activity, else one marked
    /// <c>canStartWorkflow</c>, else the first activity without inbound connections, else the first activity.
    /// </summary>
    public Activity? ResolveStartActivity()
    {
        if (Start is not null && _activitiesById.TryGetValue(Start, out var named))
        {
            return named;
        }

        return Activities.FirstOrDefault(activity => activity.Descriptor.IsStart)
            ?? Activities.FirstOrDefault(activity => activity.CustomProperties["canStartWorkflow"] is JsonValue value && value.TryGetValue(out bool flag) && flag)
            ?? Activities.FirstOrDefault(activity => GetInbound(activity.Id).Count == 0)
            ?? Activities.FirstOrDefault();
    }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var start = ResolveStartActivity();
        if (start is null)
        {
            await context.CompleteAsync();
            return;
        }

        context.ScheduleChild(start);
    }

    protected internal override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child, IReadOnlyList<string> outcomes)
    {
        foreach (var connection in GetOutbound(child.Activity.Id))
        {
            if (ContainsOutcome(outcomes, connection.SourcePort))
            {
                await DeliverTokenAsync(context, connection);
            }
        }

        await AfterChildEndedAsync(context);
    }

    protected internal override ValueTask OnChildCancelledAsync(ActivityExecutionContext context, ActivityExecutionContext child) =>
        AfterChildEndedAsync(context);

    private async ValueTask DeliverTokenAsync(ActivityExecutionContext context, Connection connection)
    {
        var target = _activitiesById[connection.TargetActivity];
        switch (target.JoinMode)
        {
            case JoinMode.WaitAll:
                // Firing is decided after every token of this completion has been delivered.
                RecordToken(context, target.Id, connection.Key);
                break;

            case JoinMode.WaitAny:
                // The first token wins. Tokens that arrive while the winner is still active are dropped.
                if (context.GetActiveChildren().Any(instance => instance.NodeId == target.NodeId))
                {
                    break;
                }

                context.ScheduleChild(target);
                await CancelBranchesReachingAsync(context, target);
                break;

            default:
                context.ScheduleChild(target);
                break;
        }
    }

    private async ValueTask AfterChildEndedAsync(ActivityExecutionContext context)
    {
        FireSatisfiedJoins(context);
        if (!context.GetActiveChildren().Any())
        {
            await context.CompleteAsync();
        }
    }

    /// <summary>
    /// Fires each WaitAll join for which every inbound connection either delivered a token or can no longer deliver
    /// one, because nothing upstream of it in this flowchart is scheduled, running or waiting.
    /// </summary>
    private void FireSatisfiedJoins(ActivityExecutionContext context)
    {
        if (context.Properties[JoinsProperty] is not JsonObject joins || joins.Count == 0)
        {
            return;
        }

        foreach (var (targetId, tokens) in joins.ToList())
        {
            var target = _activitiesById[targetId];
            var arrived = ((JsonArray)tokens!).Select(token => token!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var satisfied = GetInbound(targetId).All(connection => arrived.Contains(connection.Key) || !CanStillArrive(context, connection, target));
            if (satisfied)
            {
                joins.Remove(targetId);
                context.ScheduleChild(target);
            }
        }
    }

    private bool CanStillArrive(ActivityExecutionContext context, Connection connection, Activity join)
    {
        foreach (var instance in context.GetActiveChildren())
        {
            var activityId = context.Workflow.GetNode(instance.NodeId).Id;
            if (activityId == join.Id)
            {
                continue;
            }

            if (activityId == connection.SourceActivity || Reaches(activityId, connection.SourceActivity, join.Id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cancels every active activity that can still reach <paramref name="join"/> without passing through it.</summary>
    private async ValueTask CancelBranchesReachingAsync(ActivityExecutionContext context, Activity join)
    {
        var doomed = context.GetActiveChildren()
            .Where(instance =>
            {
                var activityId = context.Workflow.GetNode(instance.NodeId).Id;
                return activityId != join.Id && Reaches(activityId, join.Id, join.Id);
            })
            .ToList();

        foreach (var instance in doomed)
        {
            await context.CancelChildAsync(instance, CancellationReason.Obsolete);
        }

        if (context.Properties[JoinsProperty] is JsonObject joins)
        {
            joins.Remove(join.Id);
        }
    }

    /// <summary>Whether a path leads from <paramref name="from"/> to <paramref name="to"/> that avoids <paramref name="excluded"/>.</summary>
    internal bool Reaches(string from, string to, string excluded) =>
        _reachability.GetOrAdd((from, to, excluded), key => Search(key.From, key.To, key.Excluded));

    private bool Search(string from, string to, string excluded)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Queue<string>();
        pending.Enqueue(from);
        while (pending.Count > 0)
        {
            foreach (var connection in GetOutbound(pending.Dequeue()))
            {
                var next = connection.TargetActivity;
                if (next == to)
                {
                    return true;
                }

                if (next != excluded && visited.Add(next))
                {
                    pending.Enqueue(next);
                }
            }
        }

        return false;
    }

    private static void RecordToken(ActivityExecutionContext context, string targetId, string connectionKey)
    {
        if (context.Properties[JoinsProperty] is not JsonObject joins)
        {
            joins = [];
            context.Properties[JoinsProperty] = joins;
        }

        if (joins[targetId] is not JsonArray tokens)
        {
            tokens = [];
            joins[targetId] = tokens;
        }

        if (!tokens.Any(token => token!.GetValue<string>() == connectionKey))
        {
            tokens.Add(connectionKey);
        }
    }

    private static bool ContainsOutcome(IReadOnlyList<string> outcomes, string port)
    {
        foreach (var outcome in outcomes)
        {
            if (string.Equals(outcome, port, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, List<Connection>> GroupConnections(IEnumerable<Connection> connections, Func<Connection, string> key) =>
        connections.GroupBy(key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
}
