using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime.Migration;

/// <summary>
/// Moves the join records of running flowcharts to the target version: the tokens that a WaitAll join has received,
/// keyed by the join's activity id and the connection keys (<c>source:port->target:port</c>) they arrived on.
/// </summary>
internal static class JoinRecordMigrator
{
    /// <summary>Rejects the migration when a join that has received tokens has no counterpart in its flowchart of the target version.</summary>
    public static void Validate(string instanceId, WorkflowState state, Workflow target, IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, string> nodeIds)
    {
        foreach (var (flowchart, joins) in Joins(state, target, nodeIds))
        {
            foreach (var (joinId, _) in joins)
            {
                var mapped = map.GetValueOrDefault(joinId, joinId);
                if (flowchart.FindActivity(mapped) is null)
                {
                    throw new MigrationRejectedException(instanceId, joinId,
                        $"Workflow instance '{instanceId}' cannot move to version {target.Version}: join '{joinId}' has received tokens, but its counterpart '{mapped}' does not exist there. Map '{joinId}' to a join of version {target.Version} in 'activityIdMap'.");
                }
            }
        }
    }

    /// <summary>
    /// Rewrites each join record to the mapped join id and connection keys. A token that arrived on a connection the
    /// target version does not have is dropped, because no inbound connection of the join waits for it there.
    /// </summary>
    public static void Apply(WorkflowState state, Workflow target, IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, string> nodeIds)
    {
        foreach (var (flowchart, joins) in Joins(state, target, nodeIds).ToList())
        {
            var migrated = new JsonObject();
            foreach (var (joinId, tokens) in joins)
            {
                var mappedJoin = map.GetValueOrDefault(joinId, joinId);
                var inbound = flowchart.GetInbound(mappedJoin).Select(connection => connection.Key).ToHashSet(StringComparer.Ordinal);
                var arrivedTokens = new JsonArray();
                foreach (var token in (tokens as JsonArray ?? []).Select(token => token?.GetValue<string>()).OfType<string>())
                {
                    var key = MapConnectionKey(token, map);
                    if (inbound.Contains(key))
                    {
                        arrivedTokens.Add(key);
                    }
                }

                migrated[mappedJoin] = arrivedTokens;
            }

            joins.Clear();
            foreach (var (joinId, tokens) in migrated.ToList())
            {
                migrated.Remove(joinId);
                joins[joinId] = tokens;
            }
        }
    }

    private static IEnumerable<(Flowchart Flowchart, JsonObject Joins)> Joins(WorkflowState state, Workflow target, IReadOnlyDictionary<string, string> nodeIds)
    {
        foreach (var instance in state.Activities)
        {
            if (instance.Properties[Flowchart.JoinsProperty] is JsonObject { Count: > 0 } joins
                && target.TryGetNode(nodeIds.GetValueOrDefault(instance.NodeId, instance.NodeId), out var node)
                && node is Flowchart flowchart)
            {
                yield return (flowchart, joins);
            }
        }
    }

    /// <summary>Maps both activity ids of a connection key; a key of another shape is returned unchanged.</summary>
    private static string MapConnectionKey(string key, IReadOnlyDictionary<string, string> map)
    {
        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0)
        {
            return key;
        }

        return $"{MapEndpoint(key[..arrow], map)}->{MapEndpoint(key[(arrow + 2)..], map)}";
    }

    private static string MapEndpoint(string endpoint, IReadOnlyDictionary<string, string> map)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0)
        {
            return endpoint;
        }

        var activityId = endpoint[..colon];
        return $"{map.GetValueOrDefault(activityId, activityId)}{endpoint[colon..]}";
    }
}
