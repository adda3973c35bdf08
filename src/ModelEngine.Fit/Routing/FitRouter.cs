using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Routing;

/// <summary>
/// Chooses the fitables of a call. The filters run in this order: the explicit fitable id, the alias, the rules on
/// argument values (first match wins), the default (configured, then flagged), and for unicast a
/// <see cref="FitErrorCode.TooManyFitables"/> error when more than one fitable is left.
/// </summary>
internal static class FitRouter
{
    public const string ByFitableId = "fitable-id";
    public const string ByAlias = "alias";
    public const string ByRule = "rule";
    public const string ByDefault = "default";

    /// <summary>Builds the argument-independent part of a route from the registry as it is now.</summary>
    public static RoutePlan Plan(
        IFitRegistry registry, FitGenericableRoute? route, string genericableId, string? fitableId, string? alias, bool multicast,
        GenericableDescriptor? contract = null)
    {
        var version = registry.Version;
        var all = registry.GetFitables(genericableId)
            .Select(f => new FitTarget(f, registry.GetLocal(genericableId, f.Id), registry.GetWorkers(genericableId, f.Id)))
            .ToArray();
        var rejections = new List<FitRouteRejection>();
        var candidates = all;
        if (fitableId is not null)
        {
            candidates = Keep(candidates, t => string.Equals(t.Id, fitableId, StringComparison.Ordinal), ByFitableId, $"the call requests fitable '{fitableId}'", rejections);
        }

        if (alias is not null)
        {
            candidates = Keep(candidates, t => t.Descriptor.Aliases.Contains(alias, StringComparer.Ordinal), ByAlias, $"it has no alias '{alias}'", rejections);
        }

        var plan = new RoutePlan
        {
            Version = version,
            GenericableId = genericableId,
            Genericable = registry.GetGenericable(genericableId) ?? contract,
            Route = route,
            Multicast = multicast,
            All = all,
            Candidates = candidates,
            StaticRejections = rejections.ToArray(),
        };
        if (route is { Rules.Count: > 0 })
        {
            return plan;
        }

        var finished = Finish(plan, candidates, [.. rejections], rule: null, fitableId, alias, out var error);
        return new RoutePlan
        {
            Version = plan.Version,
            GenericableId = plan.GenericableId,
            Genericable = plan.Genericable,
            Route = route,
            Multicast = multicast,
            All = all,
            Candidates = candidates,
            StaticRejections = plan.StaticRejections,
            Static = finished,
            StaticError = error,
            Fast = finished is { Targets: [{ Local: not null, Workers.Count: 0 } only] } && !multicast ? only : null,
        };
    }

    /// <summary>Resolves the decision for one call: the plan's own, or the rules applied to these arguments.</summary>
    public static RouteDecision Resolve(RoutePlan plan, object?[] arguments, string? fitableId, string? alias)
    {
        if (plan.Static is { } decided)
        {
            return decided;
        }

        if (plan.StaticError is { } known)
        {
            throw Error(plan, known);
        }

        var rejections = new List<FitRouteRejection>(plan.StaticRejections);
        var candidates = plan.Candidates;
        string? chosenBy = null;
        if (candidates.Length > 0 && plan.Route is { } route)
        {
            var view = new FitArguments(plan.Genericable?.Parameters, arguments);
            foreach (var rule in route.Rules)
            {
                if (!rule.Condition(view))
                {
                    continue;
                }

                var kept = candidates.Where(t => rule.FitableId is { } id
                    ? string.Equals(t.Id, id, StringComparison.Ordinal)
                    : t.Descriptor.Aliases.Contains(rule.Alias!, StringComparer.Ordinal)).ToArray();
                if (kept.Length == 0)
                {
                    rejections.Add(new FitRouteRejection(rule.FitableId ?? rule.Alias!, ByRule,
                        $"rule '{rule.Description}' matched but its target is not among the candidates"));
                    continue;
                }

                foreach (var left in candidates.Except(kept))
                {
                    rejections.Add(new FitRouteRejection(left.Id, ByRule, $"rule '{rule.Description}' chose another fitable"));
                }

                candidates = kept;
                chosenBy = rule.Description;
                break;
            }
        }

        var decision = Finish(plan, candidates, rejections, chosenBy, fitableId, alias, out var error);
        return decision ?? throw Error(plan, error!.Value);
    }

    public static FitException Error(RoutePlan plan, (FitErrorCode Code, string Message) error) =>
        new(error.Code, error.Message) { GenericableId = plan.GenericableId };

    private static RouteDecision? Finish(
        RoutePlan plan, FitTarget[] candidates, List<FitRouteRejection> rejections, string? rule, string? fitableId, string? alias,
        out (FitErrorCode, string)? error)
    {
        error = null;
        if (!plan.Multicast && candidates.Length > 1)
        {
            var configured = plan.Route?.DefaultFitableId;
            var defaults = configured is not null && candidates.Any(t => t.Id == configured)
                ? candidates.Where(t => t.Id == configured).ToArray()
                : candidates.Where(t => t.Descriptor.IsDefault).ToArray();
            if (defaults.Length > 0)
            {
                foreach (var left in candidates.Except(defaults))
                {
                    rejections.Add(new FitRouteRejection(left.Id, ByDefault, "several fitables matched and it is not the default"));
                }

                candidates = defaults;
            }
        }

        if (candidates.Length == 0)
        {
            var known = plan.All.Length == 0 ? "no fitable is registered" : $"the registered fitables are {List(plan.All)}";
            var requested = "the call";
            if (fitableId is not null)
            {
                requested = $"fitable '{fitableId}'";
            }
            else if (alias is not null)
            {
                requested = $"alias '{alias}'";
            }

            error = (FitErrorCode.FitableNotFound, $"No fitable of genericable '{plan.GenericableId}' matches {requested}: {known}.");
            return null;
        }

        if (!plan.Multicast && candidates.Length > 1)
        {
            error = (FitErrorCode.TooManyFitables,
                $"Genericable '{plan.GenericableId}' has {candidates.Length} fitables that match a unicast call ({List(candidates)}); " +
                "choose one with a fitable id, an alias, a routing rule or a default.");
            return null;
        }

        return new RouteDecision(candidates, rejections, rule);
    }

    private static FitTarget[] Keep(FitTarget[] candidates, Func<FitTarget, bool> keep, string filter, string reason, List<FitRouteRejection> rejections)
    {
        foreach (var target in candidates)
        {
            if (!keep(target))
            {
                rejections.Add(new FitRouteRejection(target.Id, filter, reason));
            }
        }

        return candidates.Where(keep).ToArray();
    }

    private static string List(IEnumerable<FitTarget> targets) => string.Join(", ", targets.Select(t => $"'{t.Id}'"));
}
