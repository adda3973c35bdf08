namespace ModelEngine.Waterflow;

/// <summary>
/// A node that sends each item to the first branch whose predicate accepts it. An item no branch accepts
/// goes to the "others" branch, or is dropped when there is none.
/// </summary>
/// <remarks>
/// NOTE: branches merge in arrival order, so a preserved session keeps its order within a branch but not
/// across branches.
/// </remarks>
internal sealed class ConditionsSpec<T> : NodeSpec<T, T>
{
    private readonly List<Func<T, bool>?> _predicates = [];

    public ConditionsSpec()
        : base("conditions")
    {
    }

    /// <summary>Adds a branch and returns its output slot. A null predicate marks the "others" branch.</summary>
    public int AddBranch(Func<T, bool>? predicate)
    {
        _predicates.Add(predicate);
        return _predicates.Count - 1;
    }

    public bool HasOthers => _predicates.Count > 0 && _predicates[^1] is null;

    public int BranchCount => _predicates.Count;

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors)
    {
        var targets = new Inlet<T>[_predicates.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = compiler.Downstream<T>(this, i);
        }

        return new ConditionsNode([.. _predicates], targets, Counters, errors);
    }

    private sealed class ConditionsNode(Func<T, bool>?[] predicates, Inlet<T>[] targets, NodeCounters counters, NodeErrorPolicy<T> errors)
        : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            for (var i = 0; i < predicates.Length; i++)
            {
                var predicate = predicates[i];
                bool matches;
                try
                {
                    matches = predicate is null || predicate(value);
                }
                catch (Exception exception)
                {
                    errors.TryRecover(exception, value, meta, int.MaxValue, out _);
                    meta.Session.Release(1);
                    return;
                }

                if (matches)
                {
                    counters.ItemsOut++;
                    targets[i].OnNext(value, meta);
                    return;
                }
            }

            meta.Session.Release(1);
        }
    }
}
