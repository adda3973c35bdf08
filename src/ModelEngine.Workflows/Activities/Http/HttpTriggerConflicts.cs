using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>Finds and describes a trigger that another definition already holds.</summary>
public static class HttpTriggerConflicts
{
    /// <summary>
    /// Returns the first trigger of another definition in <paramref name="existing"/> that has the method and route key
    /// of one of <paramref name="triggers"/>, or <see langword="null"/> when there is none.
    /// </summary>
    public static (HttpTrigger Claimed, HttpTrigger Existing)? Find(IEnumerable<HttpTrigger> triggers, IEnumerable<HttpTrigger> existing)
    {
        var others = existing.ToList();
        foreach (var trigger in triggers)
        {
            var other = others.FirstOrDefault(candidate =>
                candidate.DefinitionId != trigger.DefinitionId
                && string.Equals(candidate.Method, trigger.Method, StringComparison.Ordinal)
                && string.Equals(candidate.RouteKey, trigger.RouteKey, StringComparison.Ordinal));
            if (other is not null)
            {
                return (trigger, other);
            }
        }

        return null;
    }

    /// <summary>Builds the 409 that names the definition holding the route.</summary>
    public static WorkflowConflictException ToException(HttpTrigger claimed, HttpTrigger existing) => new(
        $"{claimed.Method} /workflows/{claimed.Path} of workflow definition '{claimed.DefinitionId}' is already claimed by the published "
        + $"workflow definition '{existing.DefinitionId}' (path '{existing.Path}'). Routes that differ only in route value names are the same route. "
        + $"Change the path or the methods, or retract '{existing.DefinitionId}' first.");
}
