namespace ModelEngine.Waterflow;

/// <summary>How a parallel node's join combines the results of its branches.</summary>
public enum ParallelMode
{
    /// <summary>The join waits for every branch and reduces all their results into one item.</summary>
    All,

    /// <summary>The join emits the first branch result for each item and drops the later ones.</summary>
    Any,
}
