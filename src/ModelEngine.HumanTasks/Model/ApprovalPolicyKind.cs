namespace ModelEngine.HumanTasks.Model;

/// <summary>How the approvers of a UserTask decide.</summary>
public enum ApprovalPolicyKind
{
    /// <summary>One task, one decision.</summary>
    Single,

    /// <summary>One task per approver at once; a count or a percentage of approvals decides.</summary>
    Parallel,

    /// <summary>One approver after another; the first rejection or the last approval decides.</summary>
    Sequential,
}
