namespace ModelEngine.Waterflow;

/// <summary>
/// The copies of one item that a parallel node sent to its branches. The join node collects them by this
/// object's identity.
/// </summary>
internal sealed class ForkGroup
{
    public ForkGroup(int branchCount, ForkGroup? parent)
    {
        BranchCount = branchCount;
        Parent = parent;
    }

    public int BranchCount { get; }

    /// <summary>The enclosing fork group, restored on the joined item so that nested joins still match.</summary>
    public ForkGroup? Parent { get; }
}
